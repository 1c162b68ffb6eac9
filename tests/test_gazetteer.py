import pytest

from briefing.gazetteer import gazetteer


@pytest.mark.parametrize("text, places", [
    ("A drone struck the Smolensk Aviation Factory overnight.", ("Smolensk Aviation Factory",)),
    ("The Dmitrievsky Chemical Plant was destroyed by fire.", ("Dmitrievsky Chemical Plant",)),
    ("Ukraine launched six missiles at a facility in Bryansk.", ("Bryansk",)),          # Ukraine is the actor here
    ("Shelling continued in Ukraine and in the Kursk region.", ("Ukraine", "Kursk region")),
    ("Russian President Vladimir Putin spoke.", ()),                                       # a first name, not the city
])
def test_places(text, places):
    assert gazetteer().find_places(text) == places


def test_facility_is_located_by_the_city_in_its_name():
    place = gazetteer().locate("Izhevsk Electromechanical Plant Kupol")
    assert place.kind == "facility" and round(place.lat) == 57 and round(place.lon) == 53


def test_actors_people_units_organisations_then_countries():
    actors = gazetteer().find_actors(
        "Defence Minister Boris Pistorius said the 47th Separate Mechanized Brigade and the SBU hit Russian positions.")
    assert actors == ("Boris Pistorius", "47th Separate Mechanized Brigade", "SBU", "Russia")


def test_weapons():
    assert gazetteer().find_weapons("It fired ATACMS and Storm Shadow missiles; Shahed drones followed.") == (
        "ATACMS", "Storm Shadow", "Shahed", "drone")  # in order of appearance


def test_lower_case_facilities_and_named_regions():
    g = gazetteer()
    text = "Drones struck the Novoshakhtinsk oil refinery in Rostov region overnight."
    assert g.find_places(text) == ("Novoshakhtinsk oil refinery", "Rostov region")
    assert g.find_places("Russian oil refinery fires were reported.") == ()
