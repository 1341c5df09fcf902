"""The till through the generated Python SDK: a sale, a voucher issued and redeemed, the
over-redemption refused as a typed problem, and a redemption retried without a second take."""

import uuid

import pytest
from kartoteka_client import AuthenticatedClient
from kartoteka_client.api.customers import create_customer
from kartoteka_client.api.transactions import record_transaction
from kartoteka_client.api.vouchers import create_voucher, get_voucher, redeem_voucher
from kartoteka_client.models import (
    CustomerCreate,
    CustomerOut,
    CustomerRef,
    RedeemIn,
    RedeemResult,
    TransactionIn,
    TransactionRecorded,
    VoucherCreate,
    VoucherCreateKind,
    VoucherOut,
    VoucherOverspentProblem,
    VoucherWithRedemptions,
)
from kartoteka_client.problems import ProblemError, expect


@pytest.fixture
async def customer(partner: AuthenticatedClient) -> CustomerOut:
    phone = f"601{uuid.uuid4().int % 1_000_000:06d}"
    body = CustomerCreate(first_name="Ola", phone=phone)
    return expect(await create_customer.asyncio_detailed(client=partner, body=body), CustomerOut)


async def _voucher(partner: AuthenticatedClient, customer: CustomerOut, value: str) -> VoucherOut:
    body = VoucherCreate(kind=VoucherCreateKind.AMOUNT, value=value, customer_id=customer.id)
    return expect(await create_voucher.asyncio_detailed(client=partner, body=body), VoucherOut)


class TestSale:
    async def test_a_sale_by_a_local_phone_lands_on_the_customer(
        self, partner: AuthenticatedClient, customer: CustomerOut
    ) -> None:
        local = str(customer.phone).removeprefix("+48")
        body = TransactionIn(
            customer=CustomerRef(phone=f"{local[:3]} {local[3:]}"), amount="129.90"
        )
        sale = expect(
            await record_transaction.asyncio_detailed(client=partner, body=body),
            TransactionRecorded,
        )
        assert (sale.customer_id, sale.amount, sale.replayed) == (customer.id, "129.90", False)

    async def test_a_known_external_ref_is_replayed_not_recorded_twice(
        self, partner: AuthenticatedClient, customer: CustomerOut
    ) -> None:
        body = TransactionIn(customer=CustomerRef(id=customer.id), amount="10", external_ref="R-1")
        first = await record_transaction.asyncio_detailed(client=partner, body=body)
        again = await record_transaction.asyncio_detailed(client=partner, body=body)
        assert (first.status_code, again.status_code) == (201, 200)
        assert expect(again, TransactionRecorded).id == expect(first, TransactionRecorded).id
        assert expect(again, TransactionRecorded).replayed is True


class TestVoucher:
    async def test_redeeming_part_leaves_the_rest_on_the_voucher(
        self, partner: AuthenticatedClient, customer: CustomerOut
    ) -> None:
        voucher = await _voucher(partner, customer, "50.00")
        result = expect(
            await redeem_voucher.asyncio_detailed(
                voucher.code, client=partner, body=RedeemIn(amount="20.00")
            ),
            RedeemResult,
        )
        assert result.voucher.balance == "30.00"
        read = expect(
            await get_voucher.asyncio_detailed(voucher.code, client=partner),
            VoucherWithRedemptions,
        )
        assert [r.amount for r in read.redemptions] == ["20.00"]

    async def test_a_redemption_retried_with_its_key_takes_the_amount_once(
        self, partner: AuthenticatedClient, customer: CustomerOut
    ) -> None:
        voucher = await _voucher(partner, customer, "50.00")
        key = str(uuid.uuid4())
        for _ in range(2):
            response = await redeem_voucher.asyncio_detailed(
                voucher.code, client=partner, body=RedeemIn(amount="15.00"), idempotency_key=key
            )
            assert expect(response, RedeemResult).voucher.balance == "35.00"

    async def test_more_than_the_balance_is_a_typed_overspent_problem(
        self, partner: AuthenticatedClient, customer: CustomerOut
    ) -> None:
        voucher = await _voucher(partner, customer, "50.00")
        response = await redeem_voucher.asyncio_detailed(
            voucher.code, client=partner, body=RedeemIn(amount="80.00")
        )
        assert isinstance(response.parsed, VoucherOverspentProblem)
        assert response.parsed.max_amount == "50.00"
        with pytest.raises(ProblemError) as raised:
            expect(response, RedeemResult)
        assert raised.value.code == "voucher_overspent"
        assert raised.value.body["max_amount"] == "50.00"
