"""kartoteka_client.webhooks: the receiver's check of `Kartoteka-Signature`, against an HMAC
computed here independently, and through a real HTTP receiver on loopback."""

import asyncio
import hashlib
import hmac
import json

import httpx
import pytest
from kartoteka_client.webhooks import (
    SIGNATURE_HEADER,
    SignatureVerificationError,
    signature_header,
    verify_signature,
)

SECRET = "whsec_partner_test"
BODY = b'{"id":"evt_1","type":"customer.created","data":{"name":"Zofia \xc5\x81\xc4\x99cka"}}'
NOW = 1_800_000_000


def _hmac(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


class TestVerifySignature:
    def test_a_header_signed_with_the_secret_returns_its_timestamp(self) -> None:
        header = f"t={NOW},v1={_hmac(SECRET, NOW, BODY)}"
        assert verify_signature(SECRET, header, BODY, now=NOW) == NOW

    def test_a_text_body_is_taken_as_its_utf8_bytes(self) -> None:
        header = f"t={NOW},v1={_hmac(SECRET, NOW, BODY)}"
        assert verify_signature(SECRET, header, BODY.decode(), now=NOW) == NOW

    def test_either_secret_is_accepted_during_a_rotation(self) -> None:
        header = signature_header(["whsec_new", "whsec_old"], BODY, NOW)
        assert verify_signature("whsec_old", header, BODY, now=NOW) == NOW
        assert verify_signature(["whsec_x", "whsec_new"], header, BODY, now=NOW) == NOW

    def test_a_changed_body_is_refused(self) -> None:
        header = f"t={NOW},v1={_hmac(SECRET, NOW, BODY)}"
        with pytest.raises(SignatureVerificationError, match="no v1 signature matches"):
            verify_signature(SECRET, header, BODY.replace(b"evt_1", b"evt_2"), now=NOW)

    def test_another_timestamp_in_the_header_is_refused(self) -> None:
        header = f"t={NOW + 1},v1={_hmac(SECRET, NOW, BODY)}"
        with pytest.raises(SignatureVerificationError):
            verify_signature(SECRET, header, BODY, now=NOW)

    def test_a_replay_past_the_tolerance_is_refused(self) -> None:
        header = signature_header([SECRET], BODY, NOW - 301)
        with pytest.raises(SignatureVerificationError, match="300 s"):
            verify_signature(SECRET, header, BODY, now=NOW)
        assert verify_signature(SECRET, header, BODY, tolerance=600, now=NOW) == NOW - 301

    @pytest.mark.parametrize(
        "header", ["", "v1=ab", f"t={NOW}", "t=soon,v1=ab", f"t={NOW},t={NOW},v1=ab"]
    )
    def test_a_malformed_header_is_refused(self, header: str) -> None:
        with pytest.raises(SignatureVerificationError):
            verify_signature(SECRET, header, BODY, now=NOW)


class TestLoopbackReceiver:
    async def test_a_receiver_accepts_a_signed_delivery_and_refuses_a_forged_one(self) -> None:
        """A minimal receiver as docs/integrations.md describes it: verify, then answer 2xx."""
        accepted: list[dict[str, object]] = []

        async def receive(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
            body = await reader.readexactly(int(headers["content-length"]))
            try:
                verify_signature(SECRET, headers[SIGNATURE_HEADER.lower()], body)
                accepted.append(json.loads(body))
                status = b"204 No Content"
            except SignatureVerificationError:
                status = b"400 Bad Request"
            writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(receive, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server, httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            good = await http.post(
                "/hook", content=BODY, headers={SIGNATURE_HEADER: signature_header([SECRET], BODY)}
            )
            forged = await http.post(
                "/hook",
                content=BODY,
                headers={SIGNATURE_HEADER: signature_header(["whsec_guess"], BODY)},
            )
        assert (good.status_code, forged.status_code) == (204, 400)
        assert [event["id"] for event in accepted] == ["evt_1"]
