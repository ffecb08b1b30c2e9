"""Names of people and offices: the words of roles, offices and streets, and names written in capitals."""
from __future__ import annotations

import re
from collections import Counter

from campaigns.importer.text import NAME_WORD, is_capitals_line, words
from campaigns.importer.values import country_code
from letters.languages import LetterLanguage, sheet_languages

ROLE_WORDS = frozenset("""president prime minister prosecutor attorney general ambassador chargé consul governor
    mayor director inspector inspecteur head chair chairman chairperson chief commissioner secretary judge ombudsman
    ombudsperson speaker representative representante représentant représentante encargado encargada
    king queen emir sultan commander procurator deputy premier presidente presidenta ministro ministra fiscal embajador
    embajadora gobernador gobernadora président présidente ministre procureur procureure ambassadeur ambassadrice
    commissaire comisario comisaria comisionado comisionada conseiller conseillère consejero consejera councillor
    chef cheffe administrateur administratrice
    directeur directrice directora defensor defensora défenseur défenseure médiateur médiatrice
    délégué déléguée delegado delegada
    préfet préfète maire juge secrétaire alcalde alcaldesa juez jueza procurador procuradora secretario jefe jefa
    cónsul cónsula konsul konsulin präsident президент министр
    прокурор генеральный посол""".split())
ORGANISATION_WORDS = frozenset("""ministry embassy mission office department presidency administration government
    parliament council court commission committee agency service police prison directorate secretariat cabinet
    chancellery consulate assembly senate congress association foundation centre center institute
    university bureau authority section unit division desk procuracy procuratorate ministerio embajada oficina
    despacho
    fiscalía secretaría gobierno procuraduría defensoría contraloría comisión consejo tribunal juzgado corte
    dirección direccion jefatura policía instituto direction gendarmerie direktion behörde
    ministère ambassade consulat parquet cour préfecture présidence ministerium botschaft bundesamt konsulat
    ministério embaixada gabinete presidência procuradoria administração inspeção inspecção secretaria governo
    polícia direção câmara hmp
    ministero ambasciata procura questura
    министерство посольство прокуратура
    администрация управление аппарат суд""".split())
# A building an office sits in is a line of its street address, not the office: the word that names the building
# ends an English or German name ("Presidential Palace", "Kwacha House", "Regierungsgebäude") and starts a Romance
# one ("Palais de Justice", "Casa de Gobierno", "Palácio dos Leões").
BUILDING_LAST_WORDS = frozenset("palace house building buildings complex tower towers palast gebäude".split())
BUILDING_FIRST_WORDS = frozenset("palais palacio palácio palazzo casa edificio edifício édifice immeuble torre tour"
                                 .split())
# An island below its town ("Praia" / "Ilha de Santiago"): the word that names it starts a Romance name and ends
# an English one ("Santiago Island"), and starts a German one ("Insel Rügen").
ISLAND_FIRST_WORDS = frozenset("ilha isla île ile isola insel island".split())
ISLAND_LAST_WORDS = frozenset("island isle".split())


def is_island(text: str) -> bool:
    """'Ilha de Santiago', 'Île de Mayotte', 'Santiago Island', 'Island of Rhodes': an island's name, short."""
    found = re.findall(r"[^\W\d_]+", text.casefold())
    return 2 <= len(found) <= 5 and (found[0] in ISLAND_FIRST_WORDS or found[-1] in ISLAND_LAST_WORDS)
STREET_WORDS = frozenset("""street st road rd avenue ave av avenida boulevard blvd plaza square lane drive way terrace
    calle jr jirón carrera rue quai place strasse straße platz box bag pmb post bp postfach caixa apartado casilla suite
    floor
    ul ulitsa prospekt улица ул
    проспект пр шоссе переулок пер площадь пл дом nw ne sw se""".split())


def is_building(text: str) -> bool:
    """'Presidential Palace', 'Palais de Justice', 'Casa de Gobierno': the name of a building, on a short line. Its
    number may follow it, in figures or in Roman ones, or a letter: "Government Building II", "Tower B"."""
    found = re.findall(r"[^\W\d_]+", text.casefold())
    if len(found) > 1 and re.fullmatch(r"[ivx]{1,4}|[a-z]", found[-1]):
        found = found[:-1]
    return (0 < len(found) <= 6 and (found[0] in BUILDING_FIRST_WORDS or found[-1] in BUILDING_LAST_WORDS
                                     or any(found[-1].endswith(word) for word in ("palast", "gebäude"))))


# "s/o" and "d/o" (son of, daughter of), "a/l" and "a/p" in Malaysian names: "Kavinesh s/o Selvaraju".
NAME_PARTICLES = frozenset("de del la las los da do dos das van von der den bin binti bint ibn al el y e di du le"
                           " s/o d/o a/l a/p".split())
# The particles that say "son of" or "daughter of": the word after one is a father's given name, even one that
# also names a rank ("Nasser bin Sultan al-Harthy", "Huda bint Amir").
_PATRONYMIC_PARTICLES = frozenset("bin binti bint ibn s/o d/o a/l a/p".split())
# German roles are compounds that end in a role: "Justizminister", "Innenministerin", "Generalstaatsanwalt".
_ROLE_ENDINGS = ("minister", "ministerin", "botschafter", "botschafterin", "präsident", "präsidentin", "staatsanwalt",
                 "staatsanwältin", "kommissar", "kommissarin", "gouverneur", "gouverneurin", "direktor", "direktorin",
                 "bürgermeister", "bürgermeisterin", "ombudsfrau", "ombudsmann", "inspekteur", "inspekteurin",
                 "vorsitzender", "vorsitzende", "leiter", "leiterin", "richter", "richterin", "kanzler", "kanzlerin",
                 "sekretär", "sekretärin", "beauftragter", "beauftragte", "inspektor", "inspektorin",
                 "oberhaupt")
# Capitals that are acronyms, not surnames, when a line is searched for "Meret ORAZOV".
ACRONYMS = frozenset("UN NW NE SW SE DC USA UK EU OSCE UNHCR OHCHR NGO PO".split())
# Words only a French or Spanish title holds.
_ROMANCE_WORDS = frozenset("de la le les des du au aux à et el los las del por para contra una sigue".split())
# Words a title keeps in lower case when it is re-cased from capitals, in every sheet language: an official's
# title may be in any of them ("Minister of the Interior", "Ministre de la Justice", "Minister des Innern").
_SMALL_WORDS = frozenset(word for row in sheet_languages() for word in row.sheet_words.small_words)


def is_role_word(word: str) -> bool:
    """'Minister', 'fiscal', 'JUSTIZMINISTER', 'Botschafterin': a word that names a role; joined with a hyphen,
    a role word first or last ('Commissioner-General', 'Vice-President')."""
    word = word.casefold()
    if word in ROLE_WORDS or word.endswith(_ROLE_ENDINGS):
        return True
    if word.startswith("vice") and word[len("vice"):] in ROLE_WORDS:
        return True  # 'Viceministro', 'vicepresidenta': a role's deputy, in one word
    pieces = word.split("-")
    return 1 < len(pieces) <= 3 and any(piece in ROLE_WORDS or piece.endswith(_ROLE_ENDINGS)
                                        for piece in (pieces[0], pieces[-1]))


def has_role(text: str) -> bool:
    return any(is_role_word(word) for word in words(text))


def tidy_name(name: str) -> str:
    """Surnames written in capitals become capitalised ('Meret ORAZOV' → 'Meret Orazov'); the rest stays."""
    return " ".join(_capitalised(word) if _is_capitals(word) else word for word in name.split())


def title_case(text: str, small_words: frozenset[str] = _SMALL_WORDS) -> str:
    """'KAZAKHSTAN: JOURNALIST DETAINED' → 'Kazakhstan: Journalist Detained', 'MINISTRE DE LA JUSTICE' →
    'Ministre de la Justice': the small words of every sheet language in lower case, unless told the language's.

    In a French or Spanish title "UN" is the article ("CAMEROUN. UN JOURNALISTE …"), not the United Nations.
    """
    words = text.split(" ")
    romance = any(word.casefold() in _ROMANCE_WORDS for word in words)
    return " ".join(word.lower() if index and word.casefold() in small_words
                    else word if word in ACRONYMS and not (romance and word == "UN")
                    else _elided(_capitalised(word)) if index else _capitalised(word)
                    for index, word in enumerate(words))


def _elided(word: str) -> str:
    """An article or preposition cut short before a word keeps its small letter: "Cour d'Appel", "de l'Intérieur"."""
    return word[0].lower() + word[1:] if re.match(r"[DL]['’]\w", word) else word


def sheet_language(story: str) -> LetterLanguage:
    """The language a sheet is written in: the sheet language whose small words its running text (not its lines
    in capitals) uses most; English when it uses none."""
    counted = Counter(word for line in story.splitlines() if not is_capitals_line(line) for word in words(line))
    return max(sheet_languages(), key=lambda row: sum(counted[word] for word in row.sheet_words.small_words))


# A word, and whether a sentence starts before it: at the start, or after a full stop, ! or ?. French, Spanish
# and German go on in lower case after a colon ("Mauritanie : un militant détenu").
_WORD_IN_SENTENCE = re.compile(r"(?P<start>(?:^|[.!?])[\W\d_]*)?(?P<word>" + NAME_WORD.pattern + ")")


def recased_headline(text: str, story: str) -> str:
    """A headline written in capitals, re-cased as its sheet's language writes headlines.

    English is title-cased, its first word after a colon too ("Kazakhstan: At Risk of Torture"). French,
    Spanish, German and the other languages write headlines in sentence case: each word takes the case the
    sheet's running text gives it (a name, a German noun, an acronym); one the text never uses is in lower case,
    or in German capitalised, as most words of a German headline are nouns ("Haft"); and a sentence starts with
    a capital, though not after a colon: "MAURITANIE. UN MILITANT DÉTENU AU SECRET" →
    "Mauritanie. Un militant détenu au secret".
    """
    language = sheet_language(story).sheet_words
    small_words = frozenset(language.small_words)
    if language.title_case_headlines:
        pieces = re.split(r"([:.]\s+)", text)  # the title, and each separator with what follows it
        return "".join(piece if at % 2 else title_case(piece, small_words) for at, piece in enumerate(pieces))
    written = _forms_in_running_text(story)

    def recased(match: re.Match) -> str:
        word = match.group("word")
        unknown = _capitalised(word) if language.nouns_capitalised and word.casefold() not in small_words \
            else word.lower()
        form = written.get(word.casefold(), unknown)
        if match.group("start") is not None and not form.isupper():
            form = _capitalised(form)
        return match.group(0)[:match.start("word") - match.start()] + form
    return _WORD_IN_SENTENCE.sub(recased, text)


def _forms_in_running_text(story: str) -> dict[str, str]:
    """Each word as the sheet's sentences most often write it, where no sentence starts at it: "Amnesty",
    "Haft", "ONU", "détenu"; lines in capitals say nothing of it."""
    seen: dict[str, Counter] = {}
    for line in story.splitlines():
        if is_capitals_line(line):
            continue
        for match in _WORD_IN_SENTENCE.finditer(line):
            if match.group("start") is None:
                word = match.group("word")
                seen.setdefault(word.casefold(), Counter())[word] += 1
    return {folded: forms.most_common(1)[0][0] for folded, forms in seen.items()}


def _is_capitals(word: str) -> bool:
    return bool(NAME_WORD.fullmatch(word)) and len(word) >= 2 and word.isupper()


def _capitalised(word: str) -> str:
    """'ORAZOV' → 'Orazov', 'KASSYM-JOMART' → 'Kassym-Jomart', "O'NEILL" → "O'Neill", "DEFENDER'S" → "Defender's"."""
    word = word.lower()
    return re.sub(r"(?:^|(?<=[-\s])|(?<=^[^\W\d_]['’]))[^\W\d_]", lambda m: m.group(0).upper(), word)


def _is_name_word(word: str, before: str = "") -> bool:
    """A capitalised word of a name: no role, office or street word, unless a particle that says whose child
    the person is stands before it (`before`)."""
    return bool(NAME_WORD.fullmatch(word)) and word[0].isupper() and (
        before.casefold() in _PATRONYMIC_PARTICLES
        or not is_role_word(word) and word.casefold() not in ORGANISATION_WORDS | STREET_WORDS)


# A middle name given by its initial: "K." in "Ebrima K. Touray".
_MIDDLE_INITIAL = re.compile(r"[^\W\d_]\.")


def is_person_name(text: str) -> bool:
    """'Gurbanguly Berdimuhamedov', 'Lucía FERNÁNDEZ Paredes', 'Ebrima K. Touray': two to five capitalised
    words, nothing else; a middle name may be its initial and full stop, between two whole words."""
    words = text.split()
    words = [word for at, word in enumerate(words) if not (0 < at < len(words) - 1 and word[:1].isupper()
                                                              and _MIDDLE_INITIAL.fullmatch(word))]
    named = [(_without_particle(word), before) for before, word in zip(["", *words], words, strict=False)
             if word.casefold() not in NAME_PARTICLES]
    return (2 <= len(words) <= 5 and len(named) >= 2 and country_code(text) is None
            and all(_is_name_word(word, before) or _is_father_name(word, at, len(named)) for at, (word, before)
                    in enumerate(named)))


# Ranks that are given names too: between a person's given name and the surname, with no "bin" before it, the rank
# is the father's name ("Abdullah Sultan Al Hammadi", "Saeed Emir Al Mazrouei").
_RANKS_AS_NAMES = frozenset({"sultan", "emir", "amir"})


def _is_father_name(word: str, at: int, count: int) -> bool:
    """Whether a rank that is a given name too stands inside a name of `count` words, neither first nor last."""
    return 0 < at < count - 1 and word.casefold() in _RANKS_AS_NAMES


# A name written in Chinese characters or in Hangul, which have no capitals to tell a name by: two to four
# characters ("王小明", "김민수"), or a transcribed name's parts joined by a middle dot ("艾力·买买提").
_HAN_OR_HANGUL_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,4}|[\uac00-\ud7a3]{2,4}|"
                                 r"[\u3400-\u4dbf\u4e00-\u9fff]{1,6}(?:[·・][\u3400-\u4dbf\u4e00-\u9fff]{1,6})+")


def is_case_header_name(text: str) -> bool:
    """A name as a case header gives it: a person's name in capitalised words, or one in Chinese characters or
    Hangul. Only a case header says this short run of characters is a name; on an envelope it may be a city. A
    word with an English possessive ("ACTIVIST'S FAMILY DETAINED IN BASRA, …") is a headline's, never a name's."""
    return ((is_person_name(text) and not _POSSESSIVE.search(text))
            or bool(_HAN_OR_HANGUL_NAME.fullmatch(text.strip())))


_POSSESSIVE = re.compile(r"\w['’][sS]\b")


def _without_particle(word: str) -> str:
    """'el-Sayed', 'al-Harbi' → 'Sayed', 'Harbi': a particle joined to the surname by a hyphen."""
    particle, hyphen, rest = word.partition("-")
    return rest if hyphen and rest and particle.casefold() in NAME_PARTICLES else word


# Words that name a role only after a role word: "Chief Justice" (alone, "Justice" heads ministries' names),
# "Procureure générale" (alone, "générale" is a word of offices' names: "Direction générale …").
_ROLE_AFTER_ROLE = frozenset({"justice", "général", "générale"})


def split_role_and_name(text: str) -> tuple[str, str] | None:
    """'Prosecutor General Berik ZHAKSYLYKOV' → ('Prosecutor General', 'Berik Zhaksylykov')."""
    words = text.split()
    capitals = [i for i, word in enumerate(words) if _is_capitals(word) and word not in ACRONYMS]
    if capitals and not any(char.isdigit() for char in text):
        start = capitals[0]
        # Given names: capitalised words before the surname, not part of the title ("of Interior").
        # A given name follows a capitalised word or a title's last word ("Chargé d'affaires Fahad"), never
        # the word that joins a title to its office ("Minister of Interior").
        while (start > 0 and _is_name_word(words[start - 1]) and not words[start - 1].isupper()
               and (start < 2 or words[start - 2][0].isupper()
                    or words[start - 2].casefold() not in NAME_PARTICLES | _SMALL_WORDS)):
            start -= 1
        end = capitals[-1] + 1
        while end < len(words) and _is_name_word(words[end]):
            end += 1
        title, name = " ".join(words[:start]), " ".join(words[start:end])
        if end == len(words) and start < capitals[0] and (not title or has_role(title)):
            return title, tidy_name(name)
        return None
    # 'President Kassym-Jomart Tokayev': role words, then a name; 'Chief Justice Khúc Thị Loan': a word that names
    # a role only after a role word goes on with it.
    lead = 0
    while lead < len(words) and (is_role_word(words[lead]) or lead and words[lead].casefold() in _ROLE_AFTER_ROLE):
        lead += 1
    # A name after the role starts with a capital: "Ministro de Justicia Juan …" is the role of an office, then a
    # name, though "de Justicia Juan …" would pass for a name with its particle.
    if lead and is_person_name(" ".join(words[lead:])) and (words[lead][:1].isupper()
                                                              or _role_of_office_and_name(words, lead) is None):
        return " ".join(words[:lead]), " ".join(words[lead:])
    return _role_of_office_and_name(words, lead)


def _role_of_office_and_name(words: list[str], lead: int) -> tuple[str, str] | None:
    """The role of an office after its `lead` role words, then a person's name: the name's words and the title's."""
    # 'Minister of Labour and Social Protection Saule Ospanova': a role of an office, then a given name and a
    # surname. The name is the last two words; the title before them must be whole, a role, a joining word
    # and the office's own words, never ending in the joining word ("Minister of Foreign Affairs" has no name).
    title, name = words[:-2], " ".join(words[-2:])
    # 'Director of the Federal Penitentiary Service Arkady Semyonovich Tolmachev': where the office's name ends in a
    # word of an office, the name is every word after it (a patronymic between given name and surname).
    office_end = max((at for at, word in enumerate(words) if word.casefold() in ORGANISATION_WORDS), default=0)
    if lead and office_end and len(words) - office_end - 1 > 2 and is_person_name(" ".join(words[office_end + 1:])):
        title, name = words[:office_end + 1], " ".join(words[office_end + 1:])
    if (lead and len(title) > lead + 1 and words[lead].casefold() in _SMALL_WORDS | NAME_PARTICLES
            and title[-1][0].isupper() and title[-1].casefold() not in _SMALL_WORDS | NAME_PARTICLES
            and is_person_name(name) and not any(char.isdigit() for word in words for char in word)):
        return " ".join(title), name
    return None
