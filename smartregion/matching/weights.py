"""The weights of the matching engine, in one place (documented in docs/matching.md).

Each signal adds points; a result must pass its category's minimum. Changing a weight changes the
figures of `make bench-matching`: run it before and after.
"""

# Projects
PROJECT_TEXT = 6.0  # full-text relevance scaled to 0..PROJECT_TEXT (best hit = PROJECT_TEXT)
PROJECT_KEYWORD_EACH = 2.0  # a keyword named in the query is one of the project's keywords
PROJECT_KEYWORD_MAX = 4.0
PROJECT_PRIMARY_DOMAIN = 3.0  # the project's Handlungsfeld is one of the query's
PROJECT_FURTHER_DOMAIN = 1.0  # one of its further Handlungsfelder is
PROJECT_STATUS = {
    "betrieb": 2.0,
    "abgeschlossen": 2.0,
    "umsetzung": 1.0,
    "planung": 0.0,
    "idee": -0.5,
    "unbekannt": 0.0,
}
PROJECT_SAME_SIZE = 1.0  # same size class as the querying territory
PROJECT_SAME_URBANISATION = 0.5
PROJECT_SAME_KREIS = 1.5
PROJECT_NEARBY = 1.0  # within NEARBY_KM
PROJECT_SAME_REGBEZ = 0.75
PROJECT_SAME_LAND = 0.5
PROJECT_REUSE_EACH = 0.5
PROJECT_REUSE_MAX = 1.5
PROJECT_MIN_SCORE = 4.0

# Experts and organisations
ACTOR_DOMAIN_EACH = 3.0
ACTOR_DOMAIN_MAX = 6.0
ACTOR_KEYWORD_EACH = 2.0
ACTOR_KEYWORD_MAX = 4.0
ACTOR_SERVES_LOCAL = 2.0  # serves the territory itself or its Kreis
ACTOR_SERVES_REGION = 1.5  # serves its Regierungsbezirk or Land
ACTOR_NATIONWIDE = 0.5
ACTOR_SEAT_NEARBY = 1.0  # seat in a Kreis whose centre lies within NEARBY_KM (or in the same Kreis)
ACTOR_REFERENCE_EACH = 1.0  # reference project in one of the query's Handlungsfelder
ACTOR_REFERENCE_MAX = 2.0
ACTOR_AVAILABLE = 0.5  # available for the expert forum
ACTOR_MIN_SCORE = 3.0
ACTOR_CONTENDERS = 200  # reference projects are counted for at most this many of the best candidates

# Funding programmes (after the hard eligibility filter)
PROGRAMME_DOMAIN = 3.0  # one of the programme's Handlungsfelder is one of the query's
PROGRAMME_OPEN_TOPIC = 1.0  # the programme names no Handlungsfeld (open to any topic)
PROGRAMME_TERM_EACH = 1.0  # a word of the query in the programme's name or description
PROGRAMME_TERM_MAX = 3.0
PROGRAMME_OWN_LAND = 0.5  # a programme of the territory's own Land (more specific)
PROGRAMME_DEADLINE_SOON = 0.5  # a known deadline within SOON_DAYS
PROGRAMME_MIN_SCORE = 1.0

NEARBY_KM = 60
SOON_DAYS = 90
CANDIDATES = 150
