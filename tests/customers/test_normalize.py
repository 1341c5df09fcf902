import pytest

from app.customers.normalize import InvalidContact, normalize_email, normalize_phone, phone_digits


class TestNormalizePhone:
    @pytest.mark.parametrize(
        "spelling",
        ["+48 600 123 456", "600-123-456", "(0048) 600123456", "0048600123456", " 600123456 "],
    )
    def test_polish_spellings_are_one_number(self, spelling: str) -> None:
        assert normalize_phone(spelling, "PL") == "+48600123456"

    def test_international_number_ignores_default_country(self) -> None:
        assert normalize_phone("+380 67 123 4567", "PL") == "+380671234567"

    def test_local_number_uses_default_country(self) -> None:
        assert normalize_phone("8 (912) 345-67-89", "RU") == "+79123456789"

    @pytest.mark.parametrize(
        "bad", ["123", "abc", "", "+48 600 123 456 789 000 111 222 333 444 555"]
    )
    def test_invalid_numbers_are_rejected(self, bad: str) -> None:
        with pytest.raises(InvalidContact) as exc:
            normalize_phone(bad, "PL")
        assert exc.value.code == "invalid_phone"

    def test_digits_of_fragment(self) -> None:
        assert phone_digits("600-123") == "600123"


class TestNormalizeEmail:
    def test_lower_cases_and_trims(self) -> None:
        assert normalize_email("  Anna.Kowalska@Example.PL ") == "anna.kowalska@example.pl"

    def test_international_domain(self) -> None:
        assert normalize_email("jan@łódź.pl") == "jan@łódź.pl"

    @pytest.mark.parametrize("bad", ["anna", "anna@", "@example.pl", "a b@example.pl"])
    def test_invalid_addresses_are_rejected(self, bad: str) -> None:
        with pytest.raises(InvalidContact) as exc:
            normalize_email(bad)
        assert exc.value.code == "invalid_email"
