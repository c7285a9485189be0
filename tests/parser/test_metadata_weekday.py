"""A wire's dateline without a year: the year comes from the weekday its first
sentence names and the years the article looks back on. Sentences written for
these tests."""

from __future__ import annotations

import datetime as dt

from workers.parser.text.metadata import text_metadata


def test_year_from_the_weekday_and_the_past_years():
    text = ("Navy takes delivery of second frigate\n\n"
            "BUSAN, March 14 (Yonhap) -- The navy took delivery of its second frigate on Thursday, the builder said. "
            "The first ship of the class was ordered in 2019 and the last is due by 2027.")
    # 14 March fell on a Thursday in 2019 and 2024; 2027 is a plan, not the past
    assert text_metadata(text).published == dt.date(2019, 3, 14)


def test_a_later_past_year_moves_the_date():
    text = ("Navy takes delivery of second frigate\n\n"
            "BUSAN, March 14 (Yonhap) -- The navy took delivery of its second frigate on Thursday, the builder said. "
            "The first ship of the class was ordered in 2019 and delivered in 2021.")
    assert text_metadata(text).published == dt.date(2024, 3, 14)


def test_no_weekday_no_date():
    text = ("Navy takes delivery of second frigate\n\n"
            "BUSAN, March 14 (Yonhap) -- The navy took delivery of its second frigate, the builder said. "
            "The first ship was ordered in 2019.")
    assert text_metadata(text).published is None


def test_agency_after_the_dateline_city_without_brackets():
    text = ("Navy takes delivery of second frigate\n\n"
            "Tehran, IRNA - The navy took delivery of its second frigate on Sunday, the builder said.")
    assert text_metadata(text).source == "IRNA"
