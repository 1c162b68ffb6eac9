"""Periods counted to the time of writing, and parts of periods, as the dates of events."""
import pytest

from tests.extract.test_events import extract

# Published on Friday 15 March 2024. Sentences of our own: (type, date) of each event, in any order.
@pytest.mark.parametrize("text, expected", [
    pytest.param("Officials met.\nFrom January this year, over 300 fighters have been killed in the north.\n",
                 [("casualty_report", "2024-01-01/2024-03-15")],
                 id="a_tally_from_a_month_runs_to_the_day_of_writing"),
    pytest.param("Officials met.\nThe rebels have attacked at least 40 convoys since last November.\n",
                 [("strike", "2023-11-01/2024-03-15")],
                 id="a_tally_since_a_month_runs_to_the_day_of_writing"),
    pytest.param("Officials met.\nSo far in 2024 the agency has received $2 billion in pledges and 200 people were killed.\n",
                 [("casualty_report", "2024-01-01/2024-03-15")],
                 id="so_far_in_the_year_of_writing_is_the_year_to_date"),
    pytest.param("Officials met.\nSome 154 militants were killed in gun battles in the first seven months of 2019.\n",
                 [("casualty_report", "2019-01-01/2019-07-31")],
                 id="the_first_months_of_a_year"),
    pytest.param("Officials met.\nTwelve ships were hit by missiles in the last ten days of February.\n",
                 [("strike", "2024-02-20/2024-02-29")],
                 id="the_last_days_of_a_month"),
    pytest.param("Officials met.\nThe militia announced this past week an escalation of its attacks on shipping.\n",
                 [("statement", "2024-03-08/2024-03-14")],
                 id="this_past_week_is_the_seven_days_before_writing"),
    pytest.param("Officials met.\nOver the past two weeks, drones struck three power stations in the east.\n",
                 [("strike", "2024-03-01/2024-03-14")],
                 id="the_past_two_weeks_end_the_day_before_writing"),
    pytest.param("Officials met.\nFighters shelled a camp near El Fasher on Thursday, killing at least 40 people, "
                 "in the deadliest attack since May 2023.\n",
                 [("casualty_report", "2024-03-14"), ("strike", "2024-03-14")],
                 id="since_in_a_sentence_that_counts_nothing_only_starts_a_period"),
    pytest.param("Officials met.\nSince the war broke out on April 15, 2023, it has killed thousands of people.\n",
                 [],
                 id="the_date_of_a_clause_after_since_is_not_the_tallys_start"),
    pytest.param("Officials met.\nMoscow has shelled the city from January to March.\n",
                 [("strike", "2024-01")],
                 id="a_period_with_its_own_end_is_not_counted_to_now"),
    pytest.param("Officials met.\nIt is the same rhetoric we have heard, frankly, for the last two years, the minister said on Monday.\n",
                 [("statement", "2024-03-11")],
                 id="how_long_a_state_lasts_dates_nothing"),
])
def test_periods(text, expected):
    rows, _ = extract(text)
    assert sorted((kind, day) for kind, day, _ in rows) == sorted(expected)


def test_a_running_toll_without_a_period_is_not_news_of_the_day():
    rows, undated = extract("Officials met.\nAt least 2,700 people have been killed in the conflict so far, the UN said.\n")
    assert rows == []


@pytest.mark.parametrize("text, expected", [
    pytest.param("Officials met.\n“During the past 30 years we have had 30 free elections,” he said on Monday.\n",
                 [("statement", "2024-03-11")], id="a_long_period_in_what_is_said_does_not_date_the_saying"),
    pytest.param("Officials met.\n“He will be killed,” said Abidi, who said he has known him since 1964.\n",
                 [], id="a_tally_of_a_state_does_not_date_the_saying"),
])
def test_what_is_said_is_said_on_a_day(text, expected):
    rows, _ = extract(text)
    assert sorted((kind, day) for kind, day, _ in rows) == sorted(expected)
