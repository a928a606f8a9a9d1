"""Closed word classes the offline organisation spotter relies on (English news prose).

These are grammar, not names: determiners, sentence adverbs, job titles, and the nouns that
mark a product. No organisation or person from any corpus belongs here.
"""

from __future__ import annotations

from briefing.dates import MONTHS, WEEKDAYS


def words_of(text: str) -> frozenset[str]:
    """A word class written as prose-like text, one word per whitespace gap."""
    return frozenset(text.split())


COMMON_CAPITALISED: frozenset[str] = words_of(
    """
    a an the this that these those there here it its it's they their we our we're us i you he
    she his her my your today tonight yesterday tomorrow meanwhile alongside according
    additionally also however instead similarly further furthermore moreover despite although
    though while when where what which who whom why how if as at by for from in into of on onto
    to with without after before during since until under over between among amid about above
    across against and or but nor so yet both each every all any some many most more other
    another such no not now then thus still even just only new key quick brief overall finally
    first second third last next earlier later recently currently separately elsewhere
    nonetheless nevertheless notably specifically together once building following including
    regarding unlike like per via within around near through throughout asked answered update
    updated read share sources source note editor's related tags more neither either none
    separately analysts officials shares
    """
)
"""Words that are capitalised only because they open a sentence or a label."""

MONTH_AND_DAY_NAMES: frozenset[str] = frozenset(MONTHS) | frozenset(WEEKDAYS)

GENERIC_SINGLE: frozenset[str] = words_of(
    """
    ai government institute department ministry agency office council commission group company
    companies corporation partnership agreement state states national international global
    technology tech research science security safety data digital public private federal central
    executive parliament congress senate court administration authority board committee union
    university the labs lab inc ltd llc plc co corp
    """
)
"""A capitalised word that alone names no particular organisation ("AI", "Government")."""

ORG_SUFFIXES: frozenset[str] = words_of(
    """
    inc ltd llc plc corp corporation co company group labs lab institute university college
    agency commission council office department ministry government bank systems industries
    technologies holdings partners capital energy robotics foundation association authority
    securities insurance motors airlines media network networks services solutions software
    pharmaceuticals therapeutics ai port
    """
)
"""Words that end (or head) organisation names, never people's names."""

GOVERNMENT_ROLES: frozenset[str] = words_of(
    """
    secretary minister chancellor commissioner ambassador senator governor mayor president vice
    prime premier envoy representative spokesperson spokesman spokeswoman
    """
)
CORPORATE_ROLES: frozenset[str] = words_of(
    """
    ceo cto coo cfo cso chair chairman chairwoman chairperson founder co-founder cofounder
    director chief head executive officer manager analyst professor dr mr mrs ms sir dame lord
    lady
    """
)
ROLES: frozenset[str] = GOVERNMENT_ROLES | CORPORATE_ROLES
HONORIFICS: frozenset[str] = words_of(
    """
    mr mrs ms dr sir dame lord lady prof professor
    """
)

SPEECH_VERBS: frozenset[str] = words_of(
    """
    said says told tells added adds wrote writes noted notes explained explains argued argues
    stated states warned warns emphasized emphasised stressed believes thinks recalled commented
    """
)

PRODUCT_NOUNS: frozenset[str] = words_of(
    """
    model models assistant assistants chatbot chatbots app apps platform tool tools service
    """
)
"""A capitalised name right after or before one of these is a product, not a party."""

INSTITUTION_HEADS: frozenset[str] = words_of(
    """
    department ministry office bureau agency commission council institute school university
    college board authority directorate centre center
    """
)
"""Heads of names that can contain a comma list: "Department for Science, Innovation and Technology"."""

PREPOSITIONS: frozenset[str] = words_of(
    """
    with through via of for by from in at to on under between among including like into onto
    across against about around toward towards than alongside beside within without
    """
)
CONNECTORS: frozenset[str] = frozenset({"of", "for", "&", "de", "du", "der", "von", "van"})
"""Lower-case words allowed inside a name at any point."""
LATE_CONNECTORS: frozenset[str] = frozenset({"and", "the"})
"""Allowed inside a name only after "of"/"for" ("Department of Science and Technology")."""

DEMONYMS: frozenset[str] = words_of(
    """
    afghan african albanian algerian american angolan arab argentine argentinian armenian asian
    australian austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian
    brazilian british bulgarian burmese cambodian cameroonian canadian chilean chinese colombian
    congolese croatian cuban cypriot czech danish dominican dutch ecuadorian egyptian emirati english
    eritrean estonian ethiopian european filipino finnish french georgian german ghanaian greek
    guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli
    italian ivorian jamaican japanese jordanian kazakh kenyan korean kuwaiti kyrgyz lao latvian
    lebanese libyan lithuanian luxembourgish malagasy malawian malaysian malian maltese mauritian
    mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nigerian nigerien
    nordic norwegian omani pakistani palestinian panamanian paraguayan peruvian polish portuguese
    qatari romanian russian rwandan saudi scandinavian scottish senegalese serbian singaporean
    slovak slovenian somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai
    tunisian turkish ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
    zimbabwean latin anglo franco sino indo russo italo hispano afro euro pan
    """
)
"""Nationality and regional adjectives: "Danish developer X" describes X, "Danish" is no party."""

COMPASS: frozenset[str] = words_of("north south east west northern southern eastern western central")
"""Words that may precede a demonym inside one adjective ("South Korean")."""

COMPANY_FORMS: frozenset[str] = words_of(
    """
    ab ag asa a/s as bhd bv co corp corporation gmbh inc incorporated kk limited llc llp ltd nv
    oy oyj plc pte pty sa sas se spa s.a s.p.a srl
    """
)
"""Legal-form words that close a company name ("Norvik Pharma AB", "Havbris Energy A/S")."""

LOWERCASE_INSTITUTIONS: frozenset[str] = words_of(
    """
    ministry government department regulator treasury cabinet parliament
    """
)
"""Heads of public bodies news writes in lower case after a country: "France's economy ministry"."""
