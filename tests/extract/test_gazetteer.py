import pytest

from briefing.extract.gazetteer import gazetteer


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


@pytest.mark.parametrize("text, places", [
    ("Russian forces advanced into central Selydove.", ("Selydove",)),   # a town of 21,000, after a preposition
    ("Ukrainian forces withdrew from Vuhledar on October 1.", ("Vuhledar",)),
    ("Mercedes and Bradley said the talks went well.", ()),               # names, not the towns of those names
    ("Houthis fired at a tanker in the Red Sea.", ("Red Sea",)),
    ("Jets struck targets in Khan Younis and Rafah.", ("Khan Younis", "Rafah")),   # "Rafaḩ" in the gazetteer
    ("Shells hit a camp near El Fasher in North Darfur.", ("El Fasher", "North Darfur")),
    ("Trucks entered the Gaza Strip.", ("Gaza Strip",)),
])
def test_towns_and_seas(text, places):
    assert gazetteer().find_places(text) == places


def test_actors_by_nationality_and_not_as_targets():
    g = gazetteer()
    assert g.find_actors("U.S. and British aircraft struck 13 Houthi targets in Yemen.") == (
        "Houthis", "United States", "United Kingdom")
    assert g.find_actors("British media covered the launch against Ukraine by Russia.") == ("Russia",)
    assert "Japan" in g.find_actors("Japan pledged $4.5 billion.")  # any country of the gazetteer
    assert g.find_actors("The Sudanese army struck RSF positions.") == ("Rapid Support Forces", "Sudan")
    assert g.find_actors("Israeli airstrikes killed 27 people.") == ("Israel",)


def test_weapon_variants_and_sentence_case():
    assert gazetteer().find_weapons("Drones and Iskander-M missiles came first, then Shahed-type drones and a KAB.") == (
        "drone", "Iskander", "Shahed", "glide bomb")


@pytest.mark.parametrize("text, places", [
    ("Rebels held out in Misrata for weeks.", ("Misrata",)),           # GeoNames' Misratah, by its English spelling
    ("Government forces shelled the port near Brega.", ("Brega",)),    # Al Burayqah, written El-Brega: without the article
    ("Fighting went on in Derna and in Yefren.", ("Derna", "Yefren")),
    ("She moved to New York in May.", ("New York",)),                   # the city, not York inside it
    ("Misrata Brega", ()),                                              # other spellings only after a preposition of place
])
def test_other_spellings_of_cities(text, places):
    assert gazetteer().find_places(text) == places


def test_a_surname_is_not_a_place_in_the_article_that_names_the_person():
    g = gazetteer()
    article = "Former President George W. Bush spoke in Dallas on Monday.\nLater Bush said he would travel to London."
    people = g.people_in(article)
    assert "Bush" in people and "Dallas" not in people
    assert g.find_places("Former President George W. Bush spoke in Dallas on Monday.", people) == ("Dallas",)
    assert g.find_places("Later Bush said he would travel to London.", people) == ("London",)
    assert g.find_places("Officials said that talks with Bush went on.", g.people_in("Nothing of that name.")) == ("Bush",)
    # a part of a place and a title-case headline name no one
    assert g.people_in("Strikes hit Western Tripoli, officials said.\nRebels Push Into Misrata") == frozenset()


def test_cities_read_back_from_the_cache_are_the_cities_computed_and_a_spoilt_cache_is_computed_again(tmp_path, monkeypatch):
    from briefing.data import load
    from briefing.extract import gazetteer as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    spec = load("places.yaml")
    computed = module._stored_cities(spec)  # nothing cached yet: computed and stored
    [stored] = (tmp_path / "briefing").glob("cities-*.json")
    assert module._stored_cities(spec) == computed
    assert computed.places["Misrata"].kind == "city" and "Misrata" in computed.towns  # another spelling of Misratah
    stored.write_text('["not what was stored"]', encoding="utf-8")
    assert module._stored_cities(spec) == computed
    assert module._stored_cities({**spec, "min_population": spec["min_population"] + 1}) != computed  # another file
    assert len(list((tmp_path / "briefing").glob("cities-*.json"))) == 2
