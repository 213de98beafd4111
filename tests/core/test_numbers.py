"""The one parser for numbers from outside (core/numbers.py)."""
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import MAX_DIGITS, int_or, is_int, parse_int


@pytest.mark.parametrize("raw, expected", [("0", 0), ("17", 17), (" 42 ", 42), ("-3", -3), (7, 7)])
def test_plain_ascii_numbers_are_read(raw, expected):
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["²", "٣", "３", "1_000", "1e3", "4.0", "+4", "--1", "-", "", None, "4\x00", "\t4",
                                 "9" * (MAX_DIGITS + 1), "9" * 5000, True])
def test_everything_else_is_refused_with_a_message(raw):
    with pytest.raises(ValidationError) as error:
        parse_int(raw, label="Skor")
    assert error.value.messages[0].startswith("Skor ")


def test_bounds_are_named_in_the_message():
    with pytest.raises(ValidationError, match="di antara 1 dan 5"):
        parse_int("6", minimum=1, maximum=5)
    with pytest.raises(ValidationError, match="paling kecil 1"):
        parse_int("0", minimum=1)
    assert int_or("0", 9, minimum=1) == 9
    assert int_or("0", 9, minimum=1, clamp=True) == 1
    assert int_or("99999", 9, maximum=100, clamp=True) == 100
    assert int_or("٣", 1) == 1
    assert is_int("17", minimum=1, maximum=17) and not is_int("²")


@given(st.text(max_size=30))
def test_any_text_gives_an_int_or_a_validation_error(raw):
    try:
        value = parse_int(raw)
    except ValidationError:
        return
    assert str(value) == raw.strip(" ").replace("-0", "0", 1) or int(raw.strip(" ")) == value
    assert raw.strip(" ").lstrip("-").isascii()


@given(st.integers(min_value=-(10**MAX_DIGITS) + 1, max_value=10**MAX_DIGITS - 1))
def test_every_int_within_the_digit_limit_round_trips(value):
    assert parse_int(str(value)) == value
