"""The words the English and German rules read an organisation or a person by: head words
and their labels, words that are never an entity, connectors inside a name, roles and
titles."""

from __future__ import annotations

import re

# Head words -> label. Checked on the head of the span (the last head before
# an "of"/"for" complement, else the last one).
HEADS: dict[str, str] = {}
for _words, _label in (
    (
        "University Universität Universidad Université College Polytechnic Academy Akademie Académie "
        "Institute Institut Institution Laboratory Laboratories Lab Society Hochschule School",
        "University",
    ),
    (
        "Commission Kommission Committee Komitee Ministry Ministerium Department Bureau Agency "
        "Administration Office Government Council Association Verband Alliance Allianz Foundation "
        "Stiftung Federation Chamber Kammer Embassy Consulate Platform Plattform Station Center Centre "
        "Zentrum Union Party Organization Organisation Secretariat Club Behörde Amt Senat "
        "Technologiekommission Wissenschaftskommission Authority Consortium Konsortium Cluster Hub "
        "Network Netzwerk Trust Board Agentur Gesellschaft Regierung Ministerium Landesregierung "
        # a body of several parks is an organisation ("Software Technology Parks of India")
        "Wirtschaftsförderung Parks Zones",
        "Organization",
    ),
    ("Park Zone Valley District", "Park"),
    (
        "Co Co. Ltd Ltd. Inc Inc. Corp Corp. Corporation Company Group GmbH AG LLC PLC Holdings "
        "Enterprises Technologies",
        "Firm",
    ),
):
    for _word in _words.split():
        HEADS[_word] = _label
# Abbreviations of common nouns: never a name, however capitalised ("AI", "R&D", "F&E").
COMMON_ABBREVIATIONS = {
    "AI",
    "IT",
    "ICT",
    "IoT",
    "R&D",
    "F&E",
    "S&T",
    "GDP",
    "CEO",
    "CTO",
    "SME",
    "SMEs",
    "HR",
    "MoU",
    "MOU",
    "PhD",
    "KI",
    "EU-Projekt",
    "5G",
    "VR",
    "AR",
    "LED",
    "EV",
    "EVs",
    "B2B",
}
# Words that make no name of a head word ("Technische Hochschule" alone is a kind of school).
BARE_MODIFIERS = {"Technische", "Technischen", "Technical", "Party"}
# Multi-word heads that override the single words.
PHRASE_HEADS = {
    "New Area": "Park",
    "High-tech Zone": "Park",
    "Science City": "Park",
    "Sci-Tech City": "Park",
    "Tech City": "Park",
    "Innovation City": "Park",
    "Research Center": "University",
    "Research Centre": "University",
    "Research Institute": "University",
}
# Final words of venues, events and programmes: not annotated as entities.
NOT_ENTITIES = {
    "Conference",
    "Forum",
    "Summit",
    "Symposium",
    "Expo",
    "Exhibition",
    "Fair",
    "Festival",
    "Day",
    "Cup",
    "Award",
    "Prize",
    "Program",
    "Programme",
    "Project",
    "Plan",
    "Initiative",
    "Strategy",
    "Hotel",
    "Hall",
    "Hospital",
    "Competition",
    "Championship",
    "Week",
    "Roundtable",
    "Ceremony",
    "Meeting",
    "Workshop",
    "Workshops",
    "Base",
    "Mode",
    "Model",
    "System",
    "Spirit",
    "Cases",
    "Consensus",
    "Partnership",
    "Road",
    "Belt",
    "Contest",
    "Tour",
    "Tours",
    "Salon",
    "Channel",
}
VENUE_HEADS = (
    "Conference Center",
    "Conference Centre",
    "Experience Center",
    "Exhibition Center",
    "Convention Center",
    "Convention Centre",
    "Exhibition Centre",
    "Experience Centre",
)
# Articles that can open a sentence before a name but are not part of it (R7).
LEADING_ARTICLES = ("The", "Der", "Die", "Das", "Den", "Dem", "Des", "La", "Le", "Les", "El", "Il")
CONNECTORS = {"of", "and", "for", "the", "de", "für", "der", "des", "du", "la", "&", "und"}
ROLE_WORDS = {
    "Director",
    "Deputy",
    "Chairman",
    "Chairwoman",
    "Chair",
    "President",
    "Vice",
    "Dean",
    "Secretary",
    "Minister",
    "Assistant",
    "Senior",
    "Mayor",
    "Governor",
    "Chief",
    "Head",
    "Manager",
    "General",
    "CEO",
    "Founder",
    "Professor",
    "Academician",
    "Member",
    "Representative",
    "Executive",
    "Direktor",
    "Präsident",
    "Parteisekretär",
    "Chefexperte",
    "Leiter",
    "Vorsitzender",
}
TITLES = {
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Prof",
    "Professor",
    "Academician",
    "Secretary",
    "Mayor",
    "Governor",
    "Director",
    "President",
    "Chairman",
    "Minister",
    "Herr",
    "Frau",
}

# Words a span may hold between its capitalised words (wider than CONNECTORS: the span
# scorer, not a rule, decides whether the span is a name).
SPAN_CONNECTORS = {
    "of",
    "for",
    "and",
    "the",
    "de",
    "du",
    "la",
    "le",
    "des",
    "di",
    "del",
    "della",
    "y",
    "e",
    "für",
    "der",
    "und",
    "an",
    "am",
    "im",
    "zu",
    "zur",
    "zum",
    "von",
    "vom",
    "&",
    "on",
    "in",
}
# Lower-case words that end a name ("Tamil Nadu government", "Konza Innovation hub").
LOWER_HEADS = {
    "hub",
    "government",
    "city",
    "province",
    "park",
    "zone",
    "district",
    "county",
    "region",
    "state",
    "university",
    "college",
    "institute",
    "group",
    "cluster",
    "network",
    "alliance",
    "consortium",
    "authority",
    "agency",
    "council",
    "committee",
    "center",
    "centre",
    "foundation",
    "association",
    "area",
    "campus",
    "laboratory",
    "lab",
    "platform",
}
# Ends of German compounds that say what the whole is.
COMPOUND_HEADS = (
    "universität",
    "hochschule",
    "institut",
    "zentrum",
    "center",
    "cluster",
    "gesellschaft",
    "verband",
    "agentur",
    "stiftung",
    "kammer",
    "förderung",
    "park",
    "netzwerk",
    "allianz",
    "ministerium",
    "amt",
    "behörde",
    "akademie",
    "verein",
    "werk",
    "bank",
    "gruppe",
    "konzern",
    "regierung",
    "kreis",
    "stadt",
    "rat",
    "büro",
    "labor",
)
# A name's abbreviation in brackets right after it: one word with two capitals at least
# ("(CGIP)", "(BiopoL'H)", "(TH)"); a word with one ("Tsinghua (Qingdao)") is a place.
BRACKETED_ABBREVIATION = re.compile(r"\s*\(((?=(?:[^()\s]*?[A-Z]){2})[A-Z][\w&'’.-]{1,11})\)")


def after_abbreviation(gap: str) -> str:
    """The words after a name up to the next mention, without the name's abbreviation: "the
    Park (CGIP) in Tiexi District" reads as "the Park in Tiexi District"."""
    found = BRACKETED_ABBREVIATION.match(gap)
    return " " + gap[found.end() :].lstrip() if found else gap


# A word that refers back to an actor named before ("it", "the university", "die Hochschule", "该")
ANAPHOR = re.compile(
    r"\b(?:it|its|the (?:company|firm|enterprise|group|university|academy|institute|college|center|"
    r"centre|park|zone|city|province|government|agency|foundation|cluster|consortium)|"
    r"die (?:hochschule|universität|stadt|gesellschaft|firma)|das (?:unternehmen|institut|zentrum)|"
    r"der (?:konzern|verband|cluster))\b|该|其|双方",
    re.IGNORECASE,
)
# What joins two names of one list: "A, B and C", "A und B", "A、B和C" (matched whole).
COORDINATION = re.compile(r"\s*(?:,|and|und|&|、|和|与|及|以及|,\s*and|,\s*und)\s*", re.IGNORECASE)
LEGAL_FORMS = re.compile(
    r"(?:GmbH|mbH|AG|SE|KG|KGaA|e\.\s?V\.?|Ltd\.?|Co\.?|Inc\.?|Corp\.?|LLC|PLC|plc|S\.A\.?|"
    r"S\.p\.A\.?|B\.V\.?|N\.V\.?|Oy|AB|ASA|A/S|Pty|Limited|Corporation|Company)$"
)
PERSON_CUES = {w.lower() for w in ROLE_WORDS | TITLES} | {
    "prof",
    "prof.",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "ms",
    "mrs",
    "gov",
    "gov.",
    "sen",
    "rep",
    "bürgermeister",
    "bürgermeisterin",
    "oberbürgermeister",
    "geschäftsführer",
    "geschäftsführerin",
    "präsidentin",
    "rektor",
    "rektorin",
    "ministerpräsident",
    "ministerpräsidentin",
    "landrat",
    "staatssekretär",
    "vizepräsident",
    "prorektor",
    "dekan",
    "sprecher",
    "vorstand",
    "leiterin",
    "said",
    "says",
    "sagte",
    "sagt",
    "told",
    "according",
    "chief",
    "ceo",
    "cto",
    "coo",
}
