"""Word lists for transfers: the verbs and nouns that report a supply of arms, the
words that set its status, and what counts as "arms".

Kept apart from the rules in ``transfers.py`` and ``status.py`` so they can grow
without touching logic. Entries are lemmas (lower case) unless noted.
"""

from __future__ import annotations

# The subject gives, the "to"/dative/"with"-object party receives.
SUPPLY_VERBS = frozenset(
    {"supply", "deliver", "sell", "send", "export", "transfer", "provide", "give", "hand",
     "donate", "gift", "arm", "equip", "furnish", "resupply", "rearm", "promise", "pledge",
     "offer", "lease", "ship", "dispatch"}
)
# Verbs that report a supply only when what moves is arms ("flying weapons components
# to Hezbollah", "ferrying military equipment to Libya"), not people or aid.
CARRY_VERBS = frozenset(
    {"fly", "ferry", "carry", "transport", "smuggle", "truck", "move", "funnel", "airlift",
     "ship", "channel", "pack", "give", "hand", "send", "provide", "offer", "promise", "pledge"}
)
# Verbs whose direct object is the recipient ("arm Hezbollah", "equip the army").
RECIPIENT_OBJECT_VERBS = frozenset({"arm", "equip", "rearm", "resupply", "furnish"})
# The subject receives; "from" names the supplier.
ACQUIRE_VERBS = frozenset(
    {"buy", "purchase", "order", "acquire", "receive", "import", "procure", "obtain", "get",
     "lease", "field", "induct"}
)
# The subject (a weapon) reaches the object (a recipient): "the S-400s will reach India".
ARRIVAL_VERBS = frozenset({"reach", "arrive", "land"})
# Nouns naming a supply; roles come from possessors, "to"/"for"/"from" and adjectives.
SUPPLY_NOUNS = frozenset(
    {"supply", "delivery", "sale", "export", "transfer", "shipment", "handover", "donation",
     "consignment", "provision", "assistance", "aid", "arm", "weapon", "source", "supplier",
     "exporter", "gift"}
)
ACQUIRE_NOUNS = frozenset({"purchase", "acquisition", "order", "import", "procurement", "buyer", "customer"})
# Nouns that are deals between two parties ("a contract with Russia").
DEAL_NOUNS = frozenset({"contract", "deal", "agreement", "accord", "letter", "package", "loa"})
# Licences and permits: their refusal suspends exports rather than denying a supply.
LICENCE_NOUNS = frozenset({"licence", "license", "permit", "application", "approval", "authorization", "authorisation"})
# Verbs that stop supplies; a trigger on their own when their object is arms.
SUSPEND_VERBS = frozenset(
    {"halt", "stop", "suspend", "freeze", "ban", "embargo", "cancel", "block", "restrict",
     "curb", "withhold", "pause", "hold", "end", "bar", "scrap", "revoke"}
)
DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "decline", "refuse", "rule"})
# Objects of DENY_VERBS that make it a denial of a reported supply.
CLAIM_NOUNS = frozenset({"report", "claim", "charge", "accusation", "allegation", "story", "reports"})

# Status words on the trigger or the verbs governing it, nearest first.
DELIVERED_VERBS = frozenset({"complete", "receive", "arrive", "land", "hand", "deliver", "take", "deploy", "operate", "induct", "commission", "field", "use"})
ONGOING_VERBS = frozenset({"continue", "maintain", "keep", "remain", "step", "increase", "expand", "boost", "resume"})
CONTRACTED_VERBS = frozenset({"sign", "conclude", "order", "finalise", "finalize", "seal", "ink", "place", "pay"})
PLANNED_VERBS = frozenset(
    {"plan", "intend", "promise", "pledge", "commit", "agree", "announce", "decide", "approve",
     "prepare", "aim", "expect", "schedule", "vow", "start", "begin", "clear", "authorise", "authorize"}
)
CONSIDERING_VERBS = frozenset(
    {"consider", "discuss", "negotiate", "talk", "seek", "ask", "request", "want", "wish", "explore",
     "evaluate", "study", "weigh", "inquire", "mull", "propose", "offer", "urge", "press", "hope",
     "examine", "eye", "review", "interest"}
)
CONSIDERING_NOUNS = frozenset({"talk", "talks", "negotiation", "request", "offer", "proposal", "evaluation", "possibility", "interest", "consideration"})
PLANNED_NOUNS = frozenset({"plan", "pledge", "promise", "commitment", "intention"})
# Modal auxiliaries: "will"/"would"/"shall" promise, "could"/"may"/"might" only consider.
PLANNED_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
CONSIDERING_MODALS = frozenset({"could", "may", "might"})

# What counts as arms when a verb needs an arms object (lemmas of head nouns).
ARMS_WORDS = frozenset(
    {"arm", "weapon", "weaponry", "munition", "ammunition", "missile", "rocket", "tank", "jet",
     "aircraft", "fighter", "helicopter", "drone", "submarine", "frigate", "corvette", "warship",
     "vessel", "ship", "system", "equipment", "materiel", "material", "hardware", "component",
     "radar", "artillery", "howitzer", "gun", "rifle", "launcher", "battery", "interceptor",
     "bomb", "shell", "vehicle", "plane", "boat", "destroyer", "carrier", "torpedo", "mine",
     "goods", "part", "technology", "defence", "defense", "air", "capability", "unit", "batch",
     "round", "grenade", "mortar", "uav", "uas", "trainer", "bomber", "interceptors", "platform", "sensor", "optic",
     "armour", "armor", "warhead", "spare", "engine", "howitzers", "cannon", "ordnance"}
)
# Modifiers that make a general word military ("military material", "defence goods").
MILITARY_MODIFIERS = frozenset({"military", "defense", "defence", "lethal", "war", "combat", "armoured", "armored", "arms", "weapons"})

# Relative and personal pronouns that point back to a party.
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
PARTY_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "itself"})
PERSON_POSSESSIVES = frozenset({"his", "her"})
# Heads whose "of" phrase names the party: "the army of Iraq", "the government of Serbia".
INSTITUTION_NOUNS = frozenset(
    {"army", "navy", "force", "forces", "government", "ministry", "military", "administration",
     "people", "state", "regime", "air", "guard", "guards", "troops", "authorities", "office",
     "department", "command", "fleet", "units", "unit", "corps", "leadership", "president",
     "minister", "company", "firm", "airline", "maker", "manufacturer", "industry", "agency"}
)
# Prepositions that introduce the recipient / the supplier of a supply trigger.
RECIPIENT_PREPS = frozenset({"to", "for", "into"})
SUPPLIER_PREPS = frozenset({"from", "by"})
