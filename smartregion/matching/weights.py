"""The weights of the matching engine, in one place (documented in docs/matching.md).

Each signal adds points; a result must pass its category's minimum. Changing a weight changes the
figures of `make bench-matching`: run it before and after.
"""

# Projects (ADR 0020): relevance first, the place and the record only to break near-ties.
# Relevance of a project's text: BM25F over its stemmed fields, per concept of the query (a typed
# word with its synonyms, compound parts and spelling variants), the best alternative counting.
PROJECT_FIELD_WEIGHTS = {"title": 3.0, "keywords": 3.0, "summary": 1.0, "body": 0.5}
PROJECT_BM25_K1 = 1.2
PROJECT_BM25_B = 0.75
PROJECT_WORD = 1.0  # the word as typed (and a hyphenated word joined)
PROJECT_WORD_PARTS = 0.8  # the parts of a compound, all present (Pegelsensor → Pegel … Sensor)
PROJECT_SYNONYM = 0.9  # another term of the same vocabulary group (Dorfbüro → Coworking)
PROJECT_RELATED = 0.6  # a group's terms reached through a related word or phrase (Pendler → Coworking)
PROJECT_RELATED_IMPORTANCE = 0.8  # weight of such a concept next to the typed words
PROJECT_PART_OF = 0.6  # a longer term holding the word as a part (Sensor → Pegelsensor)
PROJECT_TYPO = 0.8  # times the trigram similarity: a known term spelled alike an unknown word
PROJECT_TYPO_MIN_SIMILARITY = 0.45
PROJECT_PARTS_PER_WORD = 12  # longer terms looked up per word
# Handlungsfeld: a given one, or the ones inferred from the text (vocabulary groups, and the
# Handlungsfelder of the best text hits) multiply the relevance by (1 + DOMAIN × share).
PROJECT_DOMAIN = 0.6
PROJECT_FURTHER_DOMAIN_SHARE = 0.5  # a further Handlungsfeld counts half
PROJECT_DOMAIN_FEEDBACK = 10  # the best text hits whose Handlungsfelder vote
PROJECT_DOMAIN_VOCABULARY_SHARE = 0.5  # weight of the vocabulary's evidence in the inferred shares
# Tie-breakers: at most these fractions of the relevance are added.
PROJECT_STATUS = {
    "betrieb": 0.03,
    "abgeschlossen": 0.03,
    "umsetzung": 0.015,
    "planung": 0.0,
    "idee": -0.02,
    "unbekannt": 0.0,
}
PROJECT_SAME_SIZE = 0.01  # same size class as the querying territory
PROJECT_SAME_URBANISATION = 0.005
PROJECT_SAME_KREIS = 0.03
PROJECT_NEARBY = 0.02  # within NEARBY_KM
PROJECT_SAME_REGBEZ = 0.015
PROJECT_SAME_LAND = 0.01
PROJECT_REUSE_EACH = 0.01
PROJECT_REUSE_MAX = 0.03
# Which projects are shown: at least this share of the best result's relevance.
PROJECT_MIN_SHARE = 0.2
# When fewer than FILL_TO pass that, on-topic candidates down to FILL_SHARE fill the list up.
PROJECT_FILL_TO = 10
PROJECT_FILL_SHARE = 0.08
PROJECT_SCORE_SCALE = 10.0  # the best result's relevance is shown as 10 points
# Candidates: all projects holding a rare concept (in at most RETRIEVE_DOCUMENTS projects); when
# that gives fewer than CANDIDATES_MIN, projects holding every concept, then any concept.
PROJECT_RETRIEVE_DOCUMENTS = 2000
PROJECT_CANDIDATES = 600
PROJECT_CANDIDATES_MIN = 200
PROJECT_RESCORED = 120  # the best text hits whose place and record are read

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

# Funding programmes: only with a topic fit (a Handlungsfeld of the need, or specific shared words), then the
# hard eligibility filter, then these points.
PROGRAMME_DOMAIN = 3.0  # one of the programme's Handlungsfelder is one the need names
PROGRAMME_DOMAIN_INFERRED = 2.0  # … one the need's text speaks of (no Handlungsfeld given)
PROGRAMME_INFERRED_SHARE = 0.5  # an inferred Handlungsfeld counts from half the strongest one's evidence
PROGRAMME_TOPIC_EACH = 1.5  # per concept of the need whose specific words the programme's text uses …
PROGRAMME_TOPIC_MAX = 3.0
PROGRAMME_TOPIC_CONCEPTS = 2  # … a fit from two such concepts, or one found in the programme's name
PROGRAMME_SPECIFIC_SHARE = 0.05  # specific: used by at most this share of the programmes …
PROGRAMME_SPECIFIC_MIN_PROGRAMMES = 3  # … (or this many) and at least this long
PROGRAMME_SPECIFIC_MIN_LENGTH = 4
PROGRAMME_TERM_EACH = 0.5  # a shared specific word that is no fit by itself, for a programme that fits
PROGRAMME_TERM_MAX = 1.0
PROGRAMME_OWN_LAND = 0.5  # a programme of the territory's own Land (more specific)
PROGRAMME_DEADLINE_SOON = 0.5  # the next deadline (a yearly one too) within SOON_DAYS
PROGRAMME_STALE = -1.0  # the source is older than a year or undated ("bitte prüfen")
PROGRAMME_MIN_SCORE = 1.0

NEARBY_KM = 60
SOON_DAYS = 90
CANDIDATES = 150

# Offerings beyond grants (advice, platforms, labs …): after the hard filters (not discontinued, the
# territory's Land or the Bund, the territory's kind among the target groups), a topic fit is needed.
OFFERING_DOMAIN = 2.0  # one of the offering's Handlungsfelder is the query's (times its share if inferred)
OFFERING_TERM_EACH = 1.0  # a word of the query in the offering's names or texts (audience words left out)
OFFERING_TERM_MAX = 2.0
OFFERING_MIN_TOPIC = 2.0  # a Handlungsfeld the query names, or two of its words: otherwise off topic
OFFERING_OWN_LAND = 0.5  # an offering of the territory's own Land (closer than a federal one)
OFFERING_FREE = 0.25  # free of charge
OFFERING_STATUS_UNKNOWN = -0.5  # the source does not say whether it still exists
