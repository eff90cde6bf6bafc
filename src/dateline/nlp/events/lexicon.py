"""The trigger lexicon: words that report events, and the frames that combine them.

Written by the Dateline team from the PLOVER codebook's type and mode definitions and the
CAMEO category names (facts); the word lists are our own. Four kinds of entry:

- **Action verbs** (:data:`VERBS`, :data:`PHRASAL`): "shelled", "called off", "fired on".
- **Event nouns** (:data:`NOUNS`): "talks", "clash", "strikes", "standoff", "pact". A
  noun stands as an event only with arguments of its own, a light verb, its own date, or
  as a further mention of an event found elsewhere; :data:`NOUN_KINDS` groups them for
  the light verbs.
- **Light verbs** (:data:`LIGHT`): "held talks", "imposed a curfew", "lifted the ban",
  "signed a pact" — the verb says what happens to the noun's event.
- **Frame verbs** (:data:`FRAMES`): "threatened to", "refused to", "agreed to",
  "urged ... to", "accused ... of" — the frame gives the type, the complement the mode.

:func:`lookup` keeps the first version's interface: a lemma and a part of speech → the
trigger's plain sense.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.nlp.events.ontology import MODES, default_cameo
from dateline.nlp.events.words import words


@dataclass(frozen=True, slots=True)
class TriggerType:
    type: str
    mode: str | None
    cameo: str

    def with_mode(self, mode: str | None) -> TriggerType:
        if mode == self.mode:
            return self
        return TriggerType(self.type, mode, default_cameo(self.type, mode))


def _t(type_: str, mode: str | None = None, cameo: str | None = None) -> TriggerType:
    if mode is not None and mode not in MODES[type_]:
        raise ValueError(f"{mode!r} is not a mode of {type_}")
    return TriggerType(type_, mode, cameo or default_cameo(type_, mode))


def _lines(spec: str) -> list[str]:
    """Table lines, comments removed; a line ending in "|" continues on the next."""
    out: list[str] = []
    pending = ""
    for raw in spec.strip().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        pending += line
        if not pending.endswith("|"):
            out.append(pending)
            pending = ""
    return out


def _table(spec: str) -> dict[str, TriggerType]:
    """Parse ``word|word TYPE [mode|-] [cameo]`` lines."""
    out: dict[str, TriggerType] = {}
    for line in _lines(spec):
        words, type_, *rest = line.split()
        mode = rest[0] if rest and rest[0] != "-" else None
        cameo = rest[1] if len(rest) > 1 else None
        for word in words.split("|"):
            out[word.replace("_", " ")] = _t(type_, mode, cameo)
    return out


# -- action verbs -------------------------------------------------------------------------
VERBS: dict[str, TriggerType] = _table(
    """
    meet|confer|consult CONSULT - 040
    talk|negotiate CONSULT - 046
    discuss CONSULT - 040
    visit|tour CONSULT visit 042
    telephone|phone CONSULT phone 041
    mediate CONSULT - 045
    convene CONSULT multilateral 040
    praise|commend|hail|applaud|laud|endorse|congratulate|thank|support|back SUPPORT - 051
    apologize|apologise SUPPORT - 055
    forgive|pardon SUPPORT - 056
    recognize|recognise SUPPORT - 054
    sign|ratify|initial|ink SUPPORT - 057
    normalize|normalise SUPPORT - 050
    cooperate|collaborate COOPERATE - 060
    extradite COOPERATE - 063
    aid|assist AID - 070
    donate AID - 071
    rescue|evacuate|airlift AID - 073
    concede|capitulate|relent CONCEDE - 080
    accede CONCEDE - 083
    withdraw|retreat|disengage RETREAT withdraw 0874
    resign|abdicate RETREAT resign 0831
    surrender|disarm|demobilize|demobilise|disband RETREAT disarm 0873
    demand REQUEST - 100
    urge|appeal|implore|plead|beseech|exhort REQUEST - 020
    accuse|blame|allege ACCUSE allege 112
    sue|indict|prosecute ACCUSE allege 115
    condemn|denounce|criticize|criticise|deplore|decry|slam|
    censure|rebuke|castigate|blast ACCUSE disapprove 111
    complain ACCUSE allege 114
    investigate|probe|interrogate|question ACCUSE investigate 090
    reject|refuse|decline|rebuff|spurn|renege|repudiate REJECT - 120
    veto REJECT - 129
    defy|flout REJECT - 128
    oppose REJECT - 120
    threaten|menace|intimidate THREATEN - 130
    warn THREATEN - 130
    protest|demonstrate|rally|march|picket PROTEST demo 141
    riot|rampage PROTEST riot 145
    boycott PROTEST boycott 143
    sanction|embargo SANCTION - 163
    expel SANCTION expel 166
    convict|sentence SANCTION convict 116
    arrest|detain|jail|imprison|apprehend|intern|incarcerate COERCE arrest 173
    seize|confiscate|impound|expropriate|commandeer COERCE seize 171
    raid|storm COERCE seize 171
    ban|outlaw|proscribe COERCE ban 1722
    censor|gag|muzzle COERCE censor 1721
    deport COERCE deport 174
    blockade COERCE restrict 191
    occupy|annex COERCE seize 192
    hack COERCE cyber 170
    attack|assault|invade|ambush|besiege|bombard|pound|strafe ASSAULT - 190
    kill|slay|murder|wound|injure|maim|massacre ASSAULT - 190
    clash|fight|battle|skirmish ASSAULT - 190
    bomb|airstrike ASSAULT aerial 195
    shell ASSAULT heavy-weapons 194
    shoot|gun ASSAULT firearms 193
    massacre|exterminate ASSAULT massacre 202
    assassinate ASSAULT assassinate 186
    abduct|kidnap|hijack|snatch ASSAULT abduct 181
    torture|mutilate ASSAULT torture 1822
    rape ASSAULT sexual 1821
    beat|flog|lynch ASSAULT beat 182
    execute|behead|hang ASSAULT execute 1823
    destroy|demolish|raze|torch|burn|loot|ransack|vandalize|vandalise ASSAULT destroy 1712
    stab ASSAULT primitive 180
    explode|detonate ASSAULT explosives 183
    """
)
PHRASAL: dict[str, TriggerType] = _table(
    """
    call_off CONCEDE - 082
    back_down|give_in|climb_down CONCEDE - 080
    step_down|stand_down RETREAT resign 0831
    pull_out|pull_back|withdraw_from RETREAT withdraw 0874
    yield_to|give_way|bow_to CONCEDE - 080
    hand_over|hand_back|give_back|give_up RETREAT return 0842
    lay_down RETREAT disarm 0873
    call_for|call_on|call_upon|appeal_for|appeal_to|
    ask_for|press_for|push_for|plead_for REQUEST - 020
    crack_down|clamp_down COERCE restrict 172
    round_up|lock_up COERCE arrest 173
    shut_down|close_down COERCE restrict 172
    cut_off COERCE withhold 172
    take_over COERCE seize 192
    break_off|break_with SANCTION withdraw 161
    fire_on|fire_at|open_up_on ASSAULT firearms 193
    gun_down|shoot_down|shoot_dead ASSAULT firearms 193
    blow_up ASSAULT explosives 183
    beat_up ASSAULT beat 182
    walk_out|sit_in PROTEST strike 143
    protest_against|rally_against|march_against|demonstrate_against PROTEST demo 141
    complain_about|complain_to ACCUSE allege 114
    agree_on|agree_upon|agree_to AGREE - 030
    """
)

IDIOMS: dict[str, TriggerType] = _table(
    """
    open_fire ASSAULT firearms 193
    exchange_fire ASSAULT firearms 193
    take_hostage|take_captive|take_prisoner ASSAULT abduct 181
    set_fire|set_ablaze ASSAULT destroy 1712
    lay_siege ASSAULT - 190
    lay_arms RETREAT disarm 0873
    shun_work PROTEST strike 143
    take_street PROTEST demo 141
    give_welcome|extend_welcome CONSULT visit 043
    seek_refuge|seek_asylum|seek_shelter REQUEST assist 023
    pay_compensation|pay_reparation RETREAT return 0842
    grant_asylum|offer_asylum AID - 075
    grant_amnesty|declare_amnesty CONCEDE - 081
    use_gas ASSAULT crowd-control 175
    fire_gas ASSAULT crowd-control 175
    pay_visit|make_visit CONSULT visit 042
    sever_tie|sever_relation|cut_tie|break_tie|suspend_tie|downgrade_tie|
    downgrade_relation SANCTION withdraw 161
    recall_ambassador|recall_envoy SANCTION withdraw 161
    expel_ambassador|expel_diplomat|expel_envoy SANCTION expel 166
    restore_tie|restore_relation|establish_tie|establish_relation|upgrade_tie|
    upgrade_relation|resume_tie SUPPORT - 050
    share_intelligence|share_information|share_expertise|exchange_intelligence COOPERATE - 064
    test_missile|test_weapon|test-fire_missile MOBILIZE weapons 152
    open_border|reopen_border|open_crossing|reopen_crossing|open_bridge|reopen_bridge|
    open_airspace|reopen_airspace RETREAT access 086
    suspend_publication|close_newspaper|shut_newspaper|ban_newspaper|block_website|
    block_site|jam_broadcast COERCE censor 1721
    take_control|seize_control|gain_control|wrest_control COERCE seize 192
    close_border|seal_border|shut_border COERCE restrict 191
    """
)


# -- event nouns --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NounSense:
    sense: TriggerType | None
    """The noun's own event; None: the noun is an event only through a verb ("aid")."""
    kind: str
    """The noun's class for the light verbs: meeting, agreement, aid, force, mission,
    restriction, protest, attack, deployment, retreat, demand, offer, accusation,
    investigation, threat, rejection, praise, relations, cooperation, dissent."""
    durative: bool = False
    """A state that lasts ("standoff", "blockade"): dated by when it began."""


def _nouns(spec: str) -> dict[str, NounSense]:
    out: dict[str, NounSense] = {}
    for line in _lines(spec):
        words, kind, type_, *rest = line.split()
        durative = "durative" in rest
        rest = [r for r in rest if r != "durative"]
        sense = None
        if type_ != "-":
            mode = rest[0] if rest and rest[0] != "-" else None
            sense = _t(type_, mode, rest[1] if len(rest) > 1 else None)
        for word in words.split("|"):
            out[word.replace("_", " ")] = NounSense(sense, kind, durative)
    return out


NOUNS: dict[str, NounSense] = _nouns(
    """
    meeting|talk|talks|negotiation|dialogue|consultation|parley|tete-a-tete meeting CONSULT - 040
    summit|conclave|conference|congress|forum|ministerial meeting CONSULT multilateral 040
    visit|trip|tour|state_visit meeting CONSULT visit 042
    mediation meeting CONSULT - 045
    phone_call|telephone_call|video_call|call meeting CONSULT phone 041
    agreement|pact|deal|treaty|accord|memorandum|mou|
    protocol|compact|convention agreement AGREE - 030
    ceasefire|cease-fire|truce|armistice retreat RETREAT ceasefire 0871
    withdrawal|pullout|pull-out|pullback|retreat|disengagement|
    de-escalation|evacuation retreat RETREAT withdraw 0874
    release|handover|prisoner_swap|prisoner_exchange|hostage_swap retreat RETREAT release 0841
    resignation|abdication retreat RETREAT resign 0831
    surrender|disarmament|demobilization|demobilisation|decommissioning retreat RETREAT disarm 0873
    concession|amnesty retreat CONCEDE - 080
    aid|assistance|help|relief|donation|grant|loan|credit|funding|fund|supply|supplies|
    food|medicine|medicines|money|package|delivery|deliveries|shipment|shipments|convoy|
    convoys|grain|flour|goods aid -
    arms|weapon|weapons|ammunition|equipment|materiel|hardware aid -
    asylum|refuge|sanctuary aid -
    troop|troops|force|forces|soldier|soldiers|reinforcement|reinforcements|reservist|
    reservists|army|contingent|battalion|brigade|division|warship|warships|tank|tanks|unit|
    units force -
    peacekeeper|peacekeepers|peacekeeping|inspector|inspectors|observer|observers|monitor|
    monitors|mission|diplomat|diplomats|ambassador|envoy|staff|worker|workers|personnel mission -
    police|patrol|patrols|policeman|policemen|gendarmerie force -
    curfew restriction COERCE curfew 1723 durative
    emergency|martial_law|state_of_emergency restriction COERCE curfew 1724 durative
    ban|prohibition|moratorium restriction COERCE ban 1722 durative
    blockade|siege|cordon|lockdown restriction COERCE restrict 191 durative
    restriction|restrictions|control|controls|measure|measures|limit|limits|barrier|
    barriers|tariff|tariffs restriction -
    sanction|sanctions|embargo restriction SANCTION - 163 durative
    protest|demonstration|rally|march|sit-in|vigil|picket demonstration PROTEST demo 141
    riot|riots|rioting|unrest|uprising riot PROTEST riot 145
    walkout|stoppage|shutdown|general_strike protest PROTEST strike 143
    hunger_strike|fast protest PROTEST hunger 142
    boycott protest PROTEST boycott 143
    roadblock|blockage protest PROTEST obstruct 144
    attack|assault|offensive|raid|incursion|invasion|ambush|hostilities|onslaught|
    aggression attack ASSAULT - 190
    strike|strikes|airstrike|air_strike|air_raid|airstrikes|sortie attack ASSAULT - 190
    bombing|bombardment|blast|explosion|bomb attack ASSAULT explosives 183
    shelling|barrage|artillery_fire|rocket_fire|mortar_fire attack ASSAULT heavy-weapons 194
    shooting|gunfire|gunbattle|gun_battle|firefight|shootout|sniping attack ASSAULT firearms 193
    clash|clashes|fighting|fight|battle|skirmish|confrontation|violence attack ASSAULT - 190
    massacre|killing|killings|bloodshed|carnage attack ASSAULT massacre 202
    assassination|murder attack ASSAULT assassinate 186
    kidnapping|abduction|hijacking|hostage-taking attack ASSAULT abduct 181
    torture attack ASSAULT torture 1822
    execution|beheading attack ASSAULT execute 1823
    rape attack ASSAULT sexual 1821
    beating attack ASSAULT beat 182
    destruction|demolition|arson|looting attack ASSAULT destroy 1712
    ethnic_cleansing attack ASSAULT cleansing 203
    standoff|stand-off|face-off|faceoff|buildup|build-up|mobilization|mobilisation|
    deployment|alert deployment MOBILIZE troops 154 durative
    exercise|exercises|drill|drills|manoeuvres|maneuvers|
    war_games|wargames deployment MOBILIZE troops 152
    occupation|annexation|seizure|confiscation attack COERCE seize 192 durative
    arrest|arrests|detention|detentions|crackdown|roundup|internment attack COERCE arrest 173
    deportation|expulsion|eviction attack COERCE deport 174
    cyberattack|cyber-attack|hacking|hack attack COERCE cyber 170
    demand|call|appeal|request|plea|petition|calls demand REQUEST - 020
    offer|proposal|plan|initiative|invitation|formula|overture|roadmap|resolution offer -
    accusation|allegation|indictment|lawsuit|complaint accusation ACCUSE allege 112
    charge|charges accusation -
    criticism|condemnation|denunciation|rebuke accusation ACCUSE disapprove 111
    investigation|probe|inquiry|enquiry|hearing|trial|
    questioning investigation ACCUSE investigate 090
    threat|threats|ultimatum|warning threat THREATEN - 130
    rejection|refusal|veto rejection REJECT - 120
    praise|endorsement|recognition|apology|congratulations praise SUPPORT - 051
    support|backing praise -
    tie|ties|relation|relations|link|links|contact|contacts relations -
    cooperation|collaboration|partnership cooperation -
    extradition cooperation COOPERATE - 063
    """
)
# A labour strike is a protest, not an attack: the light verb or a modifier decides
# (see :func:`strike_sense`).
LABOUR_STRIKE = _t("PROTEST", "strike", "143")
HUNGER_STRIKE = _t("PROTEST", "hunger", "142")

# Modifiers that turn a military noun into something else, or that are not events at all.
NOT_EVENT_MODIFIERS = frozenset(
    {
        "diplomatic",
        "charm",
        "media",
        "publicity",
        "propaganda",
        "legal",
        "political",
        "constitutional",
        "scathing",
        "stinging",
        "blistering",
        "annual",
        "shareholder",
        "shareholders",
        "stockholder",
        "stockholders",
        "peace",  # "peace offensive"
        "verbal",
        "rhetorical",
        "trade",  # "trade war" is not a war
        "price",
        "tariff",
        "heart",  # "heart attack"
        "panic",
        "asthma",
        "anxiety",
        "press",  # "press conference" is not a summit
        "news",
    }
)
LABOUR_MODIFIERS = frozenset(
    {
        "general",
        "labour",
        "labor",
        "worker",
        "workers",
        "union",
        "teacher",
        "teachers",
        "doctor",
        "doctors",
        "nurse",
        "nurses",
        "miner",
        "miners",
        "transport",
        "rail",
        "dock",
        "national",
        "nationwide",
        "wildcat",
        "indefinite",
        "day",
        "hour",
        "student",
        "students",
        "taxi",
        "truckers",
        "farmers",
        "public",
        "sector",
    }
)
MILITARY_STRIKE_MODIFIERS = frozenset(
    {
        "air",
        "aerial",
        "missile",
        "rocket",
        "drone",
        "precision",
        "military",
        "retaliatory",
        "pre-emptive",
        "preemptive",
        "surgical",
        "artillery",
        "naval",
        "nuclear",
        "cross-border",
        "targeted",
        "deadly",
        "lethal",
    }
)

# Instruments that give an ASSAULT its mode.
INSTRUMENT_MODES: dict[str, str] = {
    **dict.fromkeys(
        words(
            "aircraft airplane plane planes jet jets warplane warplanes fighter fighters bomber "
            "bombers helicopter helicopters gunship gunships air aerial airstrike airstrikes "
            "airforce sortie sorties"
        ),
        "aerial",
    ),
    **dict.fromkeys(["drone", "drones", "uav", "uavs", "unmanned"], "drone"),
    **dict.fromkeys(
        words(
            "tank tanks artillery mortar mortars rocket rockets missile missiles shell shells "
            "shelling howitzer howitzers cannon grad katyusha katyushas barrage"
        ),
        "heavy-weapons",
    ),
    **dict.fromkeys(
        words(
            "gun guns gunfire gunmen gunman rifle rifles sniper snipers bullet bullets pistol "
            "pistols machine-gun gunbattle firefight shootout"
        ),
        "firearms",
    ),
    **dict.fromkeys(
        words(
            "bomb bombs ied ieds explosive explosives mine mines minefield landmine landmines "
            "grenade grenades car-bomb roadside"
        ),
        "explosives",
    ),
    **dict.fromkeys(["suicide"], "suicide-attack"),
    **dict.fromkeys(
        words(
            "machete machetes knife knives axe axes stone stones rock rocks spear spears clubs "
            "sticks"
        ),
        "primitive",
    ),
    **dict.fromkeys(
        ["tear-gas", "teargas", "tear", "water-cannon", "cannons", "baton", "batons", "rubber"],
        "crowd-control",
    ),
    **dict.fromkeys(
        ["chemical", "biological", "nerve", "sarin", "chlorine", "nuclear", "radiological"],
        "unconventional",
    ),
}


# -- light verbs --------------------------------------------------------------------------
_LIGHT_CLASSES: dict[str, str] = {
    "do": "hold stage launch conduct mount wage organize organise begin start resume continue "
    "join undertake make pay carry unleash intensify escalate step perform attend chair "
    "convene host open initiate complete lead renew have observe go spearhead issue lodge "
    "file bring press express voice level announce call declare reiterate repeat restate "
    "speed accelerate expedite",
    "end": "lift ease end remove relax revoke rescind cancel suspend halt stop sever freeze "
    "abandon scrap terminate postpone curtail reduce cut break withdraw recall pull prohibit",
    "impose": "impose introduce reimpose enforce tighten slap extend declare",
    "give": "provide give send deliver grant supply donate airlift ship dispatch allocate "
    "disburse channel rush transfer hand pledge promise offer",
    "sign": "sign ratify conclude finalise finalize firm seal initial ink",
    "reach": "reach strike hammer broker forge clinch agree accept",
    "refuse": "reject refuse decline rebuff spurn oppose veto dismiss turn",
    "request": "demand seek request urge call press push want ask",
    "threaten": "threaten",
    "condemn": "condemn denounce criticize criticise deplore decry slam",
    "praise": "welcome praise hail support back endorse applaud commend",
    "investigate": "investigate probe examine",
    "violate": "violate breach break",
    "deploy": "deploy mobilize mobilise mass amass send dispatch station position move "
    "strengthen reinforce order",
    "admit": "allow admit receive accept",
}
LIGHT: dict[str, tuple[str, ...]] = {}
for _class, _words in _LIGHT_CLASSES.items():
    for _word in _words.split():
        LIGHT[_word] = (*LIGHT.get(_word, ()), _class)
"""Light verb lemma → its classes, in order of preference; the object noun's kind decides
which applies (see :mod:`dateline.nlp.events.compose`)."""


# -- frame verbs --------------------------------------------------------------------------
FRAMES: dict[str, str] = {
    **dict.fromkeys(
        words("agree promise pledge vow swear offer commit volunteer consent propose invite"),
        "intent",
    ),
    **dict.fromkeys(
        words(
            "urge ask appeal demand request press implore plead beg exhort encourage instruct tell "
            "insist pressure lobby petition"
        ),
        "request",
    ),
    **dict.fromkeys(["refuse", "decline", "reject", "oppose", "resist", "renege"], "refuse"),
    **dict.fromkeys(["threaten", "warn", "menace"], "threat"),
    **dict.fromkeys(
        ["accuse", "blame", "charge", "allege", "denounce", "condemn", "criticize", "criticise"],
        "accuse",
    ),
    **dict.fromkeys(
        words("praise welcome hail commend applaud thank congratulate defend endorse"),
        "praise",
    ),
    **dict.fromkeys(["help", "begin", "start", "resume", "continue", "keep"], "transparent"),
    **dict.fromkeys(["decide", "order", "vote", "authorize", "authorise", "approve"], "decide"),
    **dict.fromkeys(["prepare"], "prepare"),
}
"""Frame verb lemma → frame. The frame's complement is the action; the frame decides the
type (see :mod:`dateline.nlp.events.compose`)."""

INTENT_ADJECTIVES = frozenset(
    {"ready", "willing", "prepared", "committed", "determined", "eager", "keen", "open"}
)
"""'X is ready to ...' states an intention, like a frame verb."""

SPEECH_VERBS = frozenset(
    words(
        "say tell announce declare state report add claim confirm note stress reiterate conclude "
        "argue write quote insist assert maintain indicate explain disclose reveal affirm "
        "acknowledge admit remark comment suggest predict estimate believe think hope expect feel "
        "agree"
    )
)
"""Verbs that report speech or belief: not events; their complements are."""

ASPECT_VERBS = frozenset(
    words(
        "begin start erupt break resume continue end finish occur happen take come follow last "
        "persist escalate intensify spread rage flare unfold culminate result conclude open close "
        "get_underway"
    )
)
"""Verbs whose subject is an event noun ("the standoff began in May 2020"): the verb is
where the noun's event is dated and placed."""

MODAL_PLANNED = frozenset({"will", "'ll", "shall", "wo"})
MODAL_HYPOTHETICAL = frozenset({"may", "might", "could", "would", "should", "can", "ca"})
MODAL_OBLIGATION = frozenset({"must", "should"})
PLANNING_VERBS = frozenset(
    words(
        "plan intend aim expect schedule set due prepare seek want hope propose aspire mull "
        "consider weigh contemplate"
    )
)
HYPOTHETICAL_VERBS = frozenset(["consider", "weigh", "mull", "contemplate"])
NEGATING_VERBS = frozenset(["deny", "fail", "refrain", "avoid", "stop", "cease"])
"""'X denied attacking', 'failed to reach': the complement did not happen."""
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})


def lookup(lemma: str, pos: str) -> TriggerType | None:
    """The trigger type of a word, by lemma and part of speech, or None."""
    lemma = lemma.lower()
    if pos == "VERB":
        return VERBS.get(lemma)
    if pos in ("NOUN", "PROPN"):
        entry = NOUNS.get(lemma)
        return entry.sense if entry else None
    return None


SPECIAL_VERBS = frozenset(
    words(
        "fire hold capture seize take overrun recapture retake evacuate arrive travel fly head go "
        "block barricade deny allow permit let accept meet protest disperse force deface prohibit "
        "bar forbid return support back open reopen close strike hit launch host receive release "
        "free"
    )
)
"""Verbs whose sense depends on their object or subject (see the composer)."""

KNOWN_VERBS: frozenset[str] = frozenset(
    set(VERBS)
    | set(LIGHT)
    | set(FRAMES)
    | SPEECH_VERBS
    | ASPECT_VERBS
    | PLANNING_VERBS
    | NEGATING_VERBS
    | SPECIAL_VERBS
    | {key.split()[0] for key in PHRASAL}
    | {key.split()[0] for key in IDIOMS}
)


def verb_lemma(lower: str, lemma: str) -> str:
    """The lemma of a verb form, mending the statistical lemmatiser where it strays
    ("staged" → "stag") by trying the regular inflections against the known verbs."""
    lemma = lemma.lower()
    if lemma in KNOWN_VERBS:
        return lemma
    for stem in _stems(lower):
        if stem in KNOWN_VERBS:
            return stem
    return lemma


def _stems(word: str) -> list[str]:
    out: list[str] = []
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("d", ""),
        ("ing", "e"),
        ("ing", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: len(word) - len(suffix)] + repl
            out.append(base)
            if repl == "" and len(base) > 2 and base[-1] == base[-2]:
                out.append(base[:-1])  # "shelled" → "shell" is fine; "planned" → "plan"
    return out
