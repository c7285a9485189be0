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
     "offer", "lease", "ship", "dispatch", "contribute"}
)
# Verbs that report a supply only when what moves is arms ("flying weapons components
# to Hezbollah", "ferrying military equipment to Libya"), not people or aid.
CARRY_VERBS = frozenset(
    {"fly", "ferry", "carry", "transport", "smuggle", "truck", "move", "funnel", "airlift",
     "ship", "channel", "pack", "give", "hand", "send", "provide", "offer", "promise", "pledge", "contribute"}
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
     "exporter", "gift", "package", "tranche", "contribution"}
)
ACQUIRE_NOUNS = frozenset({"purchase", "acquisition", "order", "import", "procurement", "buyer", "customer"})
# Nouns that are deals between two parties ("a contract with Russia").
DEAL_NOUNS = frozenset({"contract", "deal", "agreement", "accord", "letter", "package", "loa"})
# Licences and permits: their refusal suspends exports rather than denying a supply.
LICENCE_NOUNS = frozenset({"licence", "license", "permit", "application", "approval", "authorization", "authorisation"})
# Verbs that stop supplies; a trigger on their own when their object is arms.
SUSPEND_VERBS = frozenset(
    {"halt", "stop", "suspend", "freeze", "ban", "embargo", "cancel", "block", "restrict",
     "curb", "withhold", "pause", "hold", "end", "bar", "scrap", "revoke", "abandon", "shelve", "ditch",
     "terminate"}
)
DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "decline", "refuse", "rule", "debunk"})
# Inflected forms of DENY_VERBS, for sentences the tagger misreads ("Iran rejects reports ...").
DENY_FORMS = frozenset({"denies", "denied", "rejects", "rejected", "dismisses", "dismissed", "refutes", "refuted", "debunked"})
# Words that call a reported supply untrue: "called the reports fabricated".
DISMISSIVE_WORDS = frozenset({"baseless", "fabricated", "fabrication", "fabrications", "groundless", "unfounded",
                              "false", "untrue", "lies", "nonsense", "fake", "absurd", "fiction", "speculation", "disinformation"})
# Verbs of asking someone else to act: "urged Washington to cancel the sale".
DEMAND_VERBS = frozenset({"urge", "call", "demand", "ask", "press", "request", "insist", "appeal", "want", "push", "implore"})
# What a party gives up when it drops a supply: "dropped the plan", "abandoned the deal".
DROPPED_OBJECTS = frozenset({"plan", "plans", "idea", "deal", "purchase", "contract", "order", "project", "proposal",
                             "bid", "talks", "negotiation", "acquisition", "sale", "agreement", "effort"})
# Adjectives that leave a supply open: "the potential sale of F-16 jets".
HEDGE_MODIFIERS = frozenset({"potential", "possible", "proposed", "prospective", "mooted", "hypothetical"})
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
     "examine", "eye", "review", "interest", "open", "willing", "debate", "contemplate", "mull"}
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

# Verbs whose subject runs the supplies named in their object: "Germany approved
# arms exports to Turkey", "Moscow halted deliveries to Damascus".
SUPPLIER_GOVERNORS = SUSPEND_VERBS | ONGOING_VERBS | CONTRACTED_VERBS | PLANNED_VERBS | frozenset(
    {"make", "complete", "speed", "accelerate", "ramp", "reduce", "limit", "license", "licence",
     "allow", "permit", "launch", "deliver", "provide", "conduct", "carry", "stop", "grant", "process",
     "fulfil", "fulfill", "honour", "honor", "finance", "fund", "arrange", "organise", "organize",
     # weighing one's own supplies: "Norway is weighing contributions"
     "consider", "weigh", "mull", "explore", "evaluate", "study", "examine", "discuss", "propose", "offer",
     "contemplate", "debate"}
)

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

# Transfer-rule word lists (see triggers.py and phrases.py).
# Nouns that name the supplier itself: "Russia remains India's largest source of weapons".
SOURCE_NOUNS = frozenset({"source", "supplier", "exporter"})
# Verbs with which a receiver takes a supply noun: "took delivery of", "awaits shipment".
RECEIVE_NOUN_VERBS = frozenset({"take", "accept", "receive", "await", "get"})
# Supply nouns that are arms only with a military word.
AID_NOUNS = frozenset({"aid", "assistance", "help", "support", "provision", "gift", "donation", "package", "tranche", "contribution"})
# Aid nouns that, bare, stand for the arms the sentences before speak of: "Norway
# and the Netherlands are also weighing contributions".
CONTEXT_AID_NOUNS = frozenset({"contribution", "donation", "package", "tranche"})
# spaCy labels "to" before a recipient "dative" as often as "prep".
PREP_DEPS = frozenset({"prep", "dative"})
# Heads of quantity phrases whose "of" object is what moves.
QUANTITY_NOUNS = frozenset(
    {"first", "batch", "number", "rest", "remainder", "dozens", "hundreds", "thousands", "part", "fleet",
     "squadron", "shipment", "consignment", "pair", "set", "most", "some", "all", "many", "much", "half",
     "bulk", "majority", "share", "worth", "billion", "million", "$", "package", "tranche", "lot",
     "more", "last", "second", "third", "dozen", "several", "few", "remaining", "additional", "another"}
)
# Licence words that stand for exports when they name them ("export licences").
EXPORT_MODIFIERS = frozenset({"export", "arms", "weapon", "license", "licence", "sale"})
# Verbs of using arms: the user has received them from the state that made them.
OPERATE_VERBS = frozenset({"operate", "field", "use", "deploy", "employ"})
# "in talks with China to buy jets": the partner in talks is the seller.
NEGOTIATION_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"})
# "join the F-35 programme"
JOIN_VERBS = frozenset({"join", "enter"})
PROGRAMME_NOUNS = frozenset({"programme", "program", "project", "consortium"})
NEGOTIATE_VERBS = frozenset({"negotiate", "talk", "agree", "deal", "bargain"})
# What a licensing state grants: "asked Berlin for permission to send its Leopards".
PERMISSION_NOUNS = frozenset({"permission", "approval", "authorisation", "authorization", "consent", "clearance",
                              "licence", "license", "permit", "go-ahead", "nod", "greenlight"})
# The subject lacks arms a supply in the same sentence may be for: "Ukraine needed many more".
NEED_VERBS = frozenset({"need", "lack", "request", "seek", "await", "welcome", "thank"})
# "Kyiv requested Taurus missiles from Berlin", "Kyiv asked Berlin for Taurus missiles"
REQUEST_VERBS = frozenset({"request", "ask", "seek", "want", "demand", "beg"})
# What a deal or package holds: "the deal covers 30 Rafale jets for Egypt".
CONTENTS_VERBS = frozenset({"cover", "include", "involve", "comprise", "envisage", "contain"})
# A signing verb as written, for headlines the tagger gets wrong.
SIGN_FORMS = frozenset({"signs", "sign", "signed", "inks", "seals"})
# Verbs that seal a deal noun ("signed a contract with Russia").
DEAL_VERBS = frozenset({"sign", "conclude", "ink", "seal", "finalise", "finalize", "agree", "reach", "place", "strike"})
