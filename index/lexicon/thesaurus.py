"""The words a reader uses for what the reports call otherwise: SYNONYM spans whose value
is the reports' words ("youngsters" -> "children, young people"), and a query expanded by
them for search.

Two tables, both data: READER_WORDS maps a reader's plain-English or press wording to the
inspectorate's vocabulary, one way (a report's word in a question is left alone);
ABBREVIATIONS pairs an abbreviation with its long form, read both ways, since reports use
either (not HMICFRS or PEEL: every report is the inspectorate's, and their long forms
would only add words that every report holds). A phrase matches as whole words in any
case, a hyphen or space between its words and an "s" after its last; an abbreviation (all
capitals) matches only in capitals. A force named by an alias without its place ("Notts",
"the Met") adds its canonical name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from index.forces import find_forces, place_of
from index.lexicon.span import Concept, Span, longest_first

# (what a reader says, what the reports say); alternatives separated by "|".
READER_WORDS: tuple[tuple[str, str], ...] = (
    # children and young people
    ("youngster|kid|minors|juvenile|teenager|teen|under-18|adolescent", "children|young people"),
    ("kids in care|children in care", "looked after children"),
    ("runaway|run away|running away|ran away|absconded", "missing children|going missing"),
    ("grooming|groomed", "child sexual exploitation|grooming"),
    ("paedophile|sexual predator|child abuser", "registered sex offenders|child sexual abuse"),
    ("child abuse images|indecent pictures|child porn", "indecent images of children"),
    ("social services|social worker", "children's social care|local authority"),
    # domestic abuse, violence against women and girls, sexual offences
    (
        "domestic violence|violence at home|family violence|partner abuse|spousal abuse"
        "|wife beating|abusive partner|abusive relationship",
        "domestic abuse",
    ),
    ("coercive control|controlling behaviour", "controlling or coercive behaviour"),
    ("Clare's law", "domestic violence disclosure scheme"),
    ("honour killing|honour violence|honour-based violence", "honour-based abuse"),
    ("sex attack|sex crime|sexual violence|sex offence", "sexual offences|rape"),
    ("women's safety|violence against women", "violence against women and girls"),
    ("revenge porn", "intimate image abuse"),
    ("stalker", "stalking|harassment"),
    # arrest, custody and detention
    ("taken into custody|locked up|nicked|picked up by police|held by police", "arrested|arrest"),
    ("detained", "custody|arrested"),
    ("police cell|holding cell|jail cell|cell|lock-up", "custody suite|custody|detention"),
    ("strip search|strip-searched|strip-search", "more thorough search|removal of clothing"),
    ("handcuff|handcuffed|handcuffing|restrained|pinned down", "use of force|restraint"),
    ("police brutality|excessive force|heavy-handed|manhandled", "use of force"),
    ("stun gun|taser gun", "Taser|conducted energy device"),
    ("spit hood|spit guard", "spit and bite guard"),
    ("released on bail|police bail|bailed", "pre-charge bail|released under investigation"),
    ("lawyer|legal aid", "solicitor|legal advice"),
    ("questioned|questioning|interrogation|interrogated|quizzed", "interview"),
    ("sectioned|mentally ill|mental illness|mental health crisis", "mental health"),
    # stop and search, fairness
    ("stop and frisk|stopped and searched|stop-search|searched in the street", "stop and search"),
    ("racial profiling|ethnic profiling|targeting black people", "disproportionality|ethnicity"),
    ("racist|racism", "race|racism|discrimination"),
    ("misogynistic|misogynist|sexist|sexism", "misogyny|sexism"),
    ("homophobic|transphobic|racist attack", "hate crime"),
    ("people of colour|ethnic minorities|black and Asian", "ethnic minority|black, Asian"),
    ("public trust|trust in the police|trust in police|faith in police", "public confidence"),
    ("fairness|treated fairly|respectfully", "legitimacy|fair and respectful"),
    # calls and response
    ("999|emergency line|emergency number|911", "emergency calls|999"),
    (
        "101|101 number|101 line|call 101|calling 101|ring 101|dial 101"
        "|non-emergency number|non-emergency line",
        "non-emergency calls|101",
    ),
    ("hung up|gave up waiting|dropped call", "abandoned calls"),
    ("on hold|hold time|waiting on the phone|answer the phone", "call answering|abandoned calls"),
    ("call taker|999 operator|dispatcher|police switchboard", "call handlers|control room"),
    ("turn up|show up|arrive", "attend|attendance|response times"),
    # people of the police
    ("cop|coppers|bobby|bobbies|policeman|policemen|plod", "officers|police officers"),
    ("policewoman|policewomen|women officers", "female officers"),
    ("rookie|new recruit|probationer|trainee officer", "student officers|new recruits"),
    ("boss|top brass|chiefs", "senior leaders|chief officers|leadership"),
    ("top cop|police chief|head of the force", "chief constable"),
    ("volunteer officer|volunteer police|specials", "special constables|special constabulary"),
    ("civilian staff|back office", "police staff"),
    ("background check", "vetting"),
    ("sacked|kicked out|struck off", "dismissed|dismissal|barred list"),
    ("bent cop|corrupt officer|rogue officer|police corruption", "corruption|counter-corruption"),
    ("predatory officer|sexual misconduct by officers", "abuse of position for a sexual purpose"),
    ("internal affairs|complaints department", "professional standards department"),
    ("police culture|canteen culture|toxic culture", "culture|behaviour|misconduct"),
    ("whistleblower|whistleblowing", "reporting wrongdoing|speak up"),
    ("short-staffed|understaffed|not enough officers|overstretched", "capacity|vacancies|demand"),
    ("overworked|workload|burnout|stress|morale", "wellbeing|workload"),
    ("sick leave|off sick", "sickness absence"),
    ("more officers|extra officers|police numbers|officer numbers", "police uplift programme"),
    # victims, offenders and crimes
    ("survivor|complainant", "victims"),
    ("criminals|crook|culprit|wrongdoer", "offenders|suspects"),
    ("abuser|attacker", "perpetrators|offenders"),
    ("repeat offender|prolific offender|career criminal", "integrated offender management"),
    ("gang|gangs|gang crime|mafia", "organised crime groups|serious and organised crime"),
    ("drug dealer|drug dealing|drug gangs", "drug supply|county lines"),
    ("stabbing|knife attack|knives", "knife crime|serious violence"),
    ("shooting|gun crime|guns", "firearms"),
    ("murder|killing|manslaughter", "homicide"),
    ("break-in|broken into|housebreaking|burgled", "burglary"),
    ("shoplifting|shoplifter", "shop theft"),
    ("car crime|car theft|stolen car", "vehicle crime"),
    ("mugging|mugged", "robbery"),
    ("antisocial|yobs|nuisance neighbours|hooligans", "anti-social behaviour"),
    ("vandalism|graffiti", "criminal damage"),
    ("scam|scammer|fraudster|con artist|conned|scammed", "fraud"),
    ("cybercrime|hacking|online crime", "cyber crime|cyber-dependent"),
    ("trafficking|forced labour|slavery", "modern slavery|human trafficking"),
    ("riot|protester|demonstration", "public order|protest"),
    ("car crash|road crash|road accident|drink driving|drunk driving|speeding", "roads policing"),
    ("elderly|pensioner|old people", "older people"),
    ("went missing|disappeared", "missing"),
    ("firefighter|fire brigade|fire crews", "fire and rescue"),
    ("mobile phone|laptop|phone examination", "digital devices|digital forensics"),
    ("backlog|waiting list|queue", "backlog|demand|timeliness"),
    # recording and outcomes
    (
        "crime stats|crime statistics|crime figures|crime numbers|fiddled figures"
        "|under-recording|unrecorded",
        "crime recording|crime data integrity",
    ),
    ("solve rate|solved|clear-up rate|detection rate|cases solved", "outcomes|charge rate"),
    ("case dropped|cases dropped|dropped case|no action taken", "no further action|outcome"),
    # inspection and oversight
    ("police watchdog|watchdog", "inspectorate|HMICFRS"),
    (
        "special measures|failing force|put on notice|under enhanced monitoring",
        "Engage|enhanced monitoring",
    ),
    ("routine monitoring|normal monitoring|out of Engage", "Scan"),
    ("rated|rating|score|scored|report card", "graded|grade|judgment"),
    ("failings|shortcomings|weaknesses|flaws", "causes of concern|areas for improvement"),
    ("praised|strengths|what went well|did well", "innovative practice|promising practice"),
    ("crime commissioner", "police and crime commissioner"),
    ("cuts|austerity|savings|spending", "budget|funding|finances"),
    # evidence
    ("film|filmed|filming|footage|camera|bodycam|body cam", "video|body-worn video"),
    (
        "community policing|local policing|bobbies on the beat|police presence",
        "neighbourhood policing",
    ),
)
# (abbreviation, long form): either one in a question adds the other.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("PCC", "police and crime commissioner"),
    ("HMI", "HM Inspector of Constabulary"),
    ("PCSO", "police community support officer"),
    ("PSD", "professional standards department"),
    ("CID", "criminal investigation department"),
    ("IOPC", "Independent Office for Police Conduct"),
    ("NPCC", "National Police Chiefs' Council"),
    ("CPS", "Crown Prosecution Service"),
    ("MASH", "multi-agency safeguarding hub"),
    ("MARAC", "multi-agency risk assessment conference"),
    ("MAPPA", "multi-agency public protection arrangements"),
    ("IDVA", "independent domestic violence adviser"),
    ("ISVA", "independent sexual violence adviser"),
    ("DASH", "domestic abuse, stalking and harassment"),
    ("DVPO", "domestic violence protection order"),
    ("VAWG", "violence against women and girls"),
    ("RASSO", "rape and serious sexual offences"),
    ("CSE", "child sexual exploitation"),
    ("CCE", "child criminal exploitation"),
    ("CSA", "child sexual abuse"),
    ("FGM", "female genital mutilation"),
    ("ASB", "anti-social behaviour"),
    ("OCG", "organised crime group"),
    ("VRU", "violence reduction unit"),
    ("IOM", "integrated offender management"),
    ("RUI", "released under investigation"),
    ("NFA", "no further action"),
    ("BWV", "body-worn video"),
    ("ANPR", "automatic number plate recognition"),
    ("CDI", "crime data integrity"),
    ("NCRS", "national crime recording standard"),
    ("HOCR", "Home Office counting rules"),
    ("PIP", "professionalising investigation programme"),
    ("CED", "conducted energy device"),
)


def _pattern(phrase: str) -> str:
    """Whole words, a space or hyphen between them, an "s" after the last; capitals kept
    for an abbreviation, any case otherwise."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", phrase.strip())]
    body = r"[\s-]+".join(words) + r"(?:s|es)?\b"
    if phrase.isupper() or phrase.rstrip("s").isupper():
        return rf"\b{body}"
    return rf"\b(?i:{body})"


def _rows() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    pairs = [(said, written.split("|")) for said, written in READER_WORDS]
    for short, long in ABBREVIATIONS:
        pairs += [(short, [long]), (long, [short])]
    return [
        (re.compile(_pattern(alternative)), tuple(written))
        for said, written in pairs
        for alternative in said.split("|")
    ]


_ROWS = _rows()


def synonyms(text: str) -> list[Span]:
    """Every reader's word or abbreviation in ``text``, longest first where they overlap;
    value the reports' words (a tuple)."""
    found = [
        Span(Concept.SYNONYM, m.start(), m.end(), m.group(), written)
        for regex, written in _ROWS
        for m in regex.finditer(text)
    ]
    return longest_first(found)


def _absent(words: Iterable[str], text: str) -> list[str]:
    """The phrases of ``words`` that ``text`` does not already say, each once."""
    said = text.casefold()
    return [w for w in dict.fromkeys(words) if w.casefold() not in said]


@lru_cache(maxsize=256)  # a search expands one question for BM25 and for the embedding
def expand(text: str) -> str:
    """``text`` followed by the reports' words for what it says in a reader's words, and
    the canonical name of each force it names by an alias that leaves out its place
    ("Notts", "the Met"; not "Kent's")."""
    written = [w for span in synonyms(text) for w in span.value]
    said = text.casefold()
    written += [f for f in find_forces(text) if place_of(f).casefold() not in said]
    extra = _absent(written, text)
    return f"{text} {' '.join(extra)}" if extra else text
