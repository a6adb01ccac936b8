from site_builder.numbers import ascii_digits, whole_number


def test_whole_numbers_in_ascii_or_full_width_digits_within_bounds() -> None:
    assert whole_number("15", 1, 500) == whole_number("１５", 1, 500) == whole_number(" 15 ", 1, 500) == 15
    for text in ("0", "501", "-1", "+5", "1.5", "1e3", "", "²", "⑤", "٣", "一", "9" * 13):
        assert whole_number(text, 1, 500) is None, text


def test_ascii_digits_of_a_record_number() -> None:
    assert ascii_digits("鲁公网安备 37131102000001号") == ascii_digits("鲁公网安备３７１３１１０２０００００１号")
    assert ascii_digits("²⑤٣") == ""
