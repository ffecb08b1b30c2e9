"""What UA Desk knows about each language a letter can be written in: one row per language.

Compose, the PDF, email and the importer all read this table; adding a letter language is one
row here (and, if the interface should speak it too, a catalog in translations/). The
interface languages are a separate list (i18n.py): a section may read pages in Spanish and
write to an official in Russian.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry
from babel import localedata
from babel.core import Locale, UnknownLocaleError


@dataclass(frozen=True)
class SheetWords:
    """How a UA sheet in this language words what the importer reads (regular expressions, lower case)."""

    # What a UA is called before its number: "ua" ("UA 118/21"), "au" ("AU 118/21", acción/action urgente).
    ua: tuple[str, ...] = ()
    # The banner on top of a sheet: "urgent\s+action", "acci[oó]n\s+urgente".
    banners: tuple[str, ...] = ()
    # The ordinal words of the first ten sheets of a case, in order: "Segunda AU 60/16" is the second.
    ordinals: tuple[str, ...] = ()
    # Words that make a sheet a follow-up on an earlier one: "update", "actualizaci[oó]n", "mise\s+[àa]\s+jour",
    # and the words that may join them to the UA number ("on" UA 60/16, "de la" AU 60/16).
    follow_ups: tuple[str, ...] = ()
    follow_up_links: tuple[str, ...] = ()
    # Words after a UA number, besides those, that make the sheet a follow-up: "AU 88/25 suite", "UA 12/25
    # follow-up".
    follow_ups_after: tuple[str, ...] = ()
    # Words right before a date that make it the deadline wherever they stand: "valid until", "gültig bis".
    deadlines: tuple[str, ...] = ()
    # The words before the date a page or a sheet was published, on a line of their own: "published",
    # "mis\s+[àa]\s+jour\s+le", "veröffentlicht\s+am". Such a dateline is never the headline.
    datelines: tuple[str, ...] = ()
    # Labels before a colon and a date that make it the deadline: "deadline", "date\s+limite", "frist".
    deadline_labels: tuple[str, ...] = ()
    # Words right before a date that make it the deadline in a sentence about acting ("until", "bis zum"),
    # and the words that make a sentence one about acting ("writ", "appell", "escrib").
    untils: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    # The days of the week, which may stand before the deadline's date ("before Friday, January 22, 2027",
    # "avant le vendredi 29 janvier 2027").
    weekdays: tuple[str, ...] = ()
    # Words right before a date that make it the deadline only when the words after it say nothing more is to
    # be sent, as a language may put that after the date: "nach dem" … "keine Appelle mehr" ("senden Sie nach
    # dem 31. März keine Appelle mehr ab").
    afters: tuple[str, ...] = ()
    no_more: tuple[str, ...] = ()
    # Numeric dates write the day first (12/03/2024 is 12 March); False where a sheet may write either.
    day_first: bool = False
    # "Write in Spanish or your own language": the words that start a sentence asking to write in languages
    # ("you may write in", "letters may be written in", "schreiben sie auf", "vous pouvez écrire en"), the
    # words between the names, and the words for the reader's own language, which names none.
    write_in: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()
    # The adverb of preference that may open such a sentence, before its verb: "preferably" ("Preferably write
    # in Tamil or English."), "preferiblemente", "de\s+pr[ée]f[ée]rence", "vorzugsweise".
    preferences: tuple[str, ...] = ()
    own_language: tuple[str, ...] = ()
    # A sentence that starts by asking to write or send, in the familiar or the polite form, may name the
    # languages further on, after the word that introduces a language: "Schreib bis … einen Brief auf Russisch
    # oder Deutsch an …", "Rédigez votre appel en français ou en anglais, …", "Write a short letter in English
    # to …". The verbs (with a "please" before them) and those words.
    write_verbs: tuple[str, ...] = ()
    language_prepositions: tuple[str, ...] = ()
    # The words before a place's name, never a person's: "in Veľká Lúka", "im Dorf Veľká Lúka", "dans le village de".
    place_prepositions: tuple[str, ...] = ()
    # A language named by its adjective or with the word for "language", as a whole piece, its name in the group
    # `name`: "in englischer oder deutscher Sprache", "in the English language".
    language_forms: tuple[str, ...] = ()
    # The heading of the line that lists the languages to write in, before its colon: "preferred language to
    # address target", "idioma preferente para dirigirse a las autoridades", "langue à privilégier", "Sprachen".
    preferred_languages: tuple[str, ...] = ()
    # The heading of the line that names the people at risk, before its colon ("name and pronoun", "nombre y
    # género gramatical preferido"), and that of the link to the case's previous sheet ("link to previous ua").
    people_labels: tuple[str, ...] = ()
    previous_links: tuple[str, ...] = ()
    # Headings and instructions that introduce the officials to write to ("write to", "appell(?:e)? an",
    # "env[ií]a tus llamamientos a") and those to send a copy to ("copies to", "kopien an", "copias a"),
    # without the trailing colon; an instruction's number ("2. Send it to:") is read before them.
    write_to: tuple[str, ...] = ()
    copies_to: tuple[str, ...] = ()
    # An instruction whose officials follow below, with more after it ("2. Send it to the officials listed
    # below by July 15."): the start is enough, the rest of the line may give the deadline.
    officials_below: tuple[str, ...] = ()
    # The word that ends a sentence about acting whose officials follow on the next lines, before its colon:
    # "to" ("Send your appeals before 2 May 2025 to:"), "a", "an", "à".
    officials_follow: tuple[str, ...] = ()
    # Articles a prose instruction may put before an official ("avec copie à l'ambassadeur …", "an den
    # Innenminister", "to the Minister"): dropped.
    articles: tuple[str, ...] = ()
    # An adjective of the official's country a prose instruction may put between that article and the role, as
    # written (in lower case): "an den georgischen Generalstaatsanwalt". Not part of the role: dropped with it.
    origin_adjectives: tuple[str, ...] = ()
    # The words that set an official's office in a prose instruction after the name ("…, Mr Chan Ka-wing, at the
    # Security Bureau, …", "…, Sr. …, en la Fiscalía General, …"): dropped, the office kept.
    office_prepositions: tuple[str, ...] = ()
    # The words that join a further official to a prose instruction's first, with the word or article that
    # introduces it: "…, courriel : …, ainsi qu'au ministre …", "…, email: …, and to the Inspector General …".
    further_officials: tuple[str, ...] = ()
    # What makes a line that ends in a colon, or stands right above a list item, the introduction of the
    # demands: "…urging him to:", "raising the following points:", "Amnesty fordert:", "Demandez-lui :",
    # "pidiéndole que:". Searched anywhere in the line; the colon after them is read by the importer.
    demand_intros: tuple[str, ...] = ()
    # The words before a demand a model letter writes as a sentence, which runs to the sentence's end: "I urge
    # you to release her …", "Please release him …", "Je vous demande de …", "Le pido que …".
    letter_asks: tuple[str, ...] = ()
    # An instruction that asks for every demand in one sentence, each after the same small word: "demandez-lui
    # de révéler …, de les libérer … et de veiller …", "urging them to release …, to drop … and to …",
    # "pidiéndole que libere …, que retire …". The words before the first demand, ending in that small word
    # (`sentence_asks`), and that word as it starts each next demand after a comma, with its "and"
    # (`sentence_ask_joins`), both ending where the demand's own words start.
    sentence_asks: tuple[str, ...] = ()
    sentence_ask_joins: tuple[str, ...] = ()
    # Each item of a list of demands may open with its own words that ask, all of them ending where the demand
    # starts: "– en demandant aux autorités de suspendre …" / "– en les priant de garantir …" (`item_asks`).
    item_asks: tuple[str, ...] = ()
    # The last demand may join with "and" and no comma ("de libérer …, de lever … et de veiller …"): its
    # join (`sentence_ask_last_joins`) is read only before a demand's opening verb (`sentence_ask_verb_starts`),
    # so "de protéger ses proches et de sa famille" stays one. A piece that opens with that verb is a demand,
    # however short ("de le libérer").
    sentence_ask_last_joins: tuple[str, ...] = ()
    sentence_ask_verb_starts: tuple[str, ...] = ()
    # A language that puts each demand's verb last ("fordern Sie ihn auf, Ahmet Y. freizulassen, die Vorwürfe zu
    # untersuchen und sicherzustellen, dass …") has no small word before each demand: a demand ends at its verb
    # (`sentence_ask_verbs`, matched at the end of a piece and in its case), and the next starts after a comma or the
    # `sentence_ask_joins` word ("und"). A clause after the verb that starts with one of `sentence_ask_clauses`
    # ("dass", "damit", "um") still belongs to that demand.
    sentence_ask_verbs: tuple[str, ...] = ()
    sentence_ask_clauses: tuple[str, ...] = ()
    # A demand written as a command to the official, in a form that can be told by its words alone, matched at
    # a list item's start as written: German's polite imperative, its verb before "Sie" ("Lassen Sie … frei",
    # "Sorgen Sie dafür, dass …"). A list whose items, most of them, open so is the demands.
    commands: tuple[str, ...] = ()
    # A call to act alone on its line, heading the instructions: "take\s+action(?:\s+now)?", "handeln\s+sie".
    calls_to_act: tuple[str, ...] = ()
    # The heading of the background: "additional\s+information", "hintergrund(?:informationen)?".
    backgrounds: tuple[str, ...] = ()
    # The heading of a model letter: "(?:model|sample)\s+letter", "carta\s+modelo", "briefvorschlag".
    model_letters: tuple[str, ...] = ()
    # Contact labels beyond the shared ones (email, fax, tel…): the salutation's label ("anrede",
    # "tratamiento", "formule\s+d'appel") and the email's ("correo-e", "courriel"), as written before the colon.
    salutation_labels: tuple[str, ...] = ()
    # A sentence that gives the salutation in quotes: "Please address him as “Dear Cabinet Secretary”".
    salutation_sentences: tuple[str, ...] = ()
    email_labels: tuple[str, ...] = ()
    # A contact given in a sentence's words rather than by its label ("…, by email to x@… or by phone at …"): the
    # words before the value, the kind of contact in the group "label".
    contact_phrases: tuple[str, ...] = ()
    # The words that open a sentence to the sheet's readers, never a line of an official's envelope: thanks
    # and requests ("thank you", "please", "bitte", "merci", "gracias").
    courtesies: tuple[str, ...] = ()
    # The words before the person an envelope to an office is for, after the office: "attn\.?", "z\.\s?h\.", "zu
    # händen". Dropped before the honorific and name they introduce.
    attentions: tuple[str, ...] = ()
    # The words for a post office box, before its number: "p\.?\s?o\.?\s+box", "b\.\s?p\.", "apartado", "postfach".
    po_boxes: tuple[str, ...] = ()
    # The words (plain, lower case) for a state that open a country's formal name, before its adjectives, its
    # preposition and its short name: "república" ("República de Panamá"), "république" ("République islamique de
    # Mauritanie"), "republik" ("Republik Österreich").
    state_forms: tuple[str, ...] = ()
    # The words for a diplomatic mission, as an envelope's office line opens: "embassy", "(?:permanent\s+)?mission",
    # "botschaft". After a diplomat's role and a comma they name the mission the copy goes to ("Ambassador,
    # Embassy of …"), not more of the role.
    diplomatic_missions: tuple[str, ...] = ()
    # The label of a postal address given on one line: "Address: …", "Dirección: …", "Anschrift: …".
    address_labels: tuple[str, ...] = ()
    fax_labels: tuple[str, ...] = ()
    phone_labels: tuple[str, ...] = ()
    # Words (plain, lower case) that speak to the sheet's readers or for the section that sends it: "you",
    # "your", "du", "uns", "vous", "nous". An envelope has none, so a line of them after the officials is a
    # message to the readers ("Bitte schick uns eine kurze Nachricht …: …@…"), not an official.
    reader_words: tuple[str, ...] = ()
    # The honorifics this language's envelopes write before a name or on a line of their own: "mr\.?",
    # "his\s+excellency", "s\.\s?e\.\s+(?:herrn?|frau)", "su\s+excelencia", "m\.". The importer tries the
    # forms of every sheet language at once, the longest pattern first, so "S. E. Herrn" is one honorific and
    # not "S. E." before a name "Herrn …"; a form that starts a longer one is written out in full as its own.
    honorifics: tuple[str, ...] = ()
    # The letters after a name that say an office or an honour, written in capitals (with or without dots), never
    # part of the name: "MP", "TD", "QC", "OBE" ("The Hon. Daniel … MP", "Hon. Grace …, MP", "… Alleyne, S.C.").
    post_nominals: tuple[str, ...] = ()
    # The ranks an envelope writes before a name as its honorific: "(?:vice|rear)\s+admiral", "coronel",
    # "generalmajor". Read only before a person's name, since "General Prosecutor's Office" is an office.
    ranks: tuple[str, ...] = ()
    # The small words that join a role to what it is the role of, never the start of a name: "of", "for"
    # ("Inspector General of Police"), "de", "del" ("Comisario General de Policía"), "der", "für".
    role_joins: tuple[str, ...] = ()
    # The language's commonest small words (plain words, not patterns): counted in a sheet's running text they
    # tell its language, and a title re-cased from capitals keeps them in lower case ("Minister of the
    # Interior", "Ministre de la Justice").
    small_words: tuple[str, ...] = ()
    # English writes a headline in title case ("Journalist Detained for Her Reporting"); the other languages in
    # sentence case ("Un militant détenu au secret"), which a headline in capitals is re-cased to.
    title_case_headlines: bool = False
    # German capitalises its nouns, so a headline's word the sheet's text never uses is more likely a noun
    # ("Haft") than not.
    nouns_capitalised: bool = False
    # A page's number as a PDF's footer gives it, its digits `\d{1,3}`: "page\s*\d{1,3}\s+of\s+\d{1,3}".
    page_numbers: tuple[str, ...] = ()
    # A page's number without the word for page, as a footer gives it after its separator ("Amnesty
    # International USA | 1 of 2"): "\d{1,3}\s+of\s+\d{1,3}". Read only after a "|" at a line's end.
    page_counts: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterLanguage:
    code: str  # ISO 639-1, as campaigns, letter versions and officials store it
    closing: str  # the line above the signature, in the letter's register
    salutation: str  # to an official whose salutation the organiser has not given
    date_locale: str  # the Babel locale whose long date the letter carries
    script: str  # ISO 15924: the PDF picks its font by this
    is_rtl: bool = False
    # For the importer, in languages UA sheets arrive in (regular expressions, lower case):
    # how a model letter's salutation or closing line begins, which tells its language, and
    # the closing lines that end a model letter. A sheet language's month names are read too.
    letter_starts: tuple[str, ...] = ()
    salutations: tuple[str, ...] = ()  # a salutation line's first words: "dear", "sehr geehrte[rn]?"
    closings: tuple[str, ...] = ()
    is_sheet_language: bool = False
    sheet_words: SheetWords = SheetWords()
    # The display name of an email letter's From: the supporter, sending through the organisation.
    sent_via: str = "{name} via {org}"
    # A short greeting printed on solidarity cards to a person at risk or their family ("" where we
    # have none we trust: the card is left for the writer's own words).
    solidarity: str = ""

    def punctuated(self, salutation: str) -> str:
        """A salutation ending as this language ends one: "Monsieur le Procureur" becomes "Monsieur le
        Procureur," and "Señor Fiscal" "Señor Fiscal:", with the mark that ends the language's standard
        salutation; one that ends in a mark already, or a language whose salutation has none (Japanese), is
        left as it is."""
        mark = self.salutation[-1:]
        if not salutation or not salutation[-1].isalnum() or mark.isalnum():
            return salutation
        return salutation + mark


LANGUAGES: dict[str, LetterLanguage] = {row.code: row for row in (
    LetterLanguage("en", "Yours sincerely,", "Dear Sir or Madam,", "en_GB", "Latn",
                   salutations=(r"dear", r"your\s+(?:excellency|honou?r|majesty)"),
                   letter_starts=(r"dear", r"your\s", r"yours\s", r"sincerely", r"respectfully", r"kind", r"best",
                                  r"with\s+respect"),
                   closings=(r"yours\s+(?:sincerely|faithfully|truly|respectfully)", r"sincerely(?:\s+yours)?",
                             r"respectfully(?:\s+yours)?", r"kind(?:est)?\s+regards", r"best\s+regards",
                             r"with\s+respect"),
                   is_sheet_language=True, sheet_words=SheetWords(
                       ua=(r"ua",), banners=(r"urgent\s+action(?:\s+network)?",),
                       ordinals=(r"first", r"second", r"third", r"fourth", r"fifth", r"sixth", r"seventh", r"eighth",
                                 r"ninth", r"tenth"),
                       follow_ups=(r"further\s+information", r"(?:urgent\s+action|ua)\s+update", r"update",
                                   r"follow[-\s]?up(?:\s+action)?", r"further\s+action",
                                   r"new\s+information"),
                       follow_ups_after=(r"follow[-\s]?up", r"continued"),
                       follow_up_links=(r"on", r"of", r"to"),
                       # "Check with the section office if sending appeals after 21 October 2025": the usual
                       # closing line, which names the date after which appeals need checking first.
                       deadlines=(r"expires?\s+on", r"valid\s+until", r"send\s+no\s+more\s+appeals\s+after",
                                  r"if\s+sending\s+appeals\s+after",
                                  r"(?:please\s+)?take\s+action\s+(?:until|before|by)",
                                  r"(?:please\s+)?send\s+(?:your\s+)?appeals\s+(?:until|before|by)"),
                       deadline_labels=(r"(?:action\s+|appeals?\s+)?deadline(?:\s+for\s+(?:appeals?|actions?|letters?))?",
                                        r"closing\s+date"),
                       datelines=(r"(?:first\s+|last\s+)?(?:published|posted|updated|issued)(?:\s+on)?",
                                  r"(?:issue\s+)?date"),
                       untils=(r"until", r"before", r"no(?:t)?\s+later\s+than", r"by"),
                       weekdays=(r"monday", r"tuesday", r"wednesday", r"thursday", r"friday", r"saturday", r"sunday"),
                       actions=(r"writ(?:e|ing)\b", r"appeals?\b", r"act(?:ion)?\b", r"send\b", r"letters?\b",
                                r"contact\b"),
                       write_verbs=(r"(?:please\s+)?(?:(?:keep|continue)\s+(?:writing|sending|to\s+write|to\s+send)|write|send)",),
                       language_prepositions=(r"in",),
                       place_prepositions=(r"in(?:\s+the\s+(?:village|town|city)\s+of)?",),
                       language_forms=(r"(?:the\s+)?(?P<name>[^\W\d_]+)\s+(?:language|tongue)",),
                       # "Please write, in English or Amharic, to …": a comma may set the names apart.
                       write_in=(r"(?:please\s+)?(?:you\s+(?:may|can|could|should)\s+(?:also\s+)?)?write,?\s+"
                                 r"(?:(?:immediately|also),?\s+)?(?:your\s+(?:appeals?|letters?)\s+)?in",
                                 r"(?:your\s+)?(?:letters?|appeals?)\s+(?:may|can|should)\s+(?:also\s+)?be\s+"
                                 r"written\s+in",
                                 # "The officials can be written to in English, Hindi or Marathi."
                                 r"(?:the\s+)?(?:officials?|authorities|targets?)\s+(?:may|can|should)\s+(?:also\s+)?"
                                 r"be\s+(?:written|addressed)(?:\s+to)?\s+in"),
                       conjunctions=(r"or", r"and"), preferences=(r"preferably", r"ideally"),
                       own_language=(r"(?:in\s+)?your\s+own(?:\s+language)?",),
                       people_labels=(r"names?(?:\s+and\s+pronouns?)?",),
                       previous_links=(r"links?\s+to\s+(?:the\s+)?previous\s+ua",),
                       # "Languages:" alone too: the languages to write in are what a sheet lists.
                       preferred_languages=(r"preferred\s+languages?(?:\(s\))?(?:\s+(?:to|for)\s+[^:]{0,50})?",
                                            r"languages?(?:\(s\))?"),
                       officials_follow=(r"to",),
                       articles=(r"the\s+",), office_prepositions=(r"at\s+(?:the\s+)?",),
                       further_officials=(r"(?:and|as\s+well\s+as)\s+(?:to\s+)?(?:the\s+)?",),
                       # "Then write to the Prosecutor-General, …": a step after the one before it.
                       write_to=(r"(?:then\s+|next,?\s+)?(?:please\s+|you\s+(?:can|may|could)\s+)?(?:also\s+)?"
                                 r"(?:write|send\s+(?:your\s+)?appeals?|address\s+(?:your\s+)?appeals?|"
                                 r"appeals?)\s+to", r"send\s+(?:it|them|(?:your|the|this)\s+letters?)\s+to",
                                 # "Appeals should also go to the Secretary for Justice, …"
                                 r"(?:your\s+)?(?:appeals?|letters?)\s+(?:should|may|can)\s+(?:also\s+)?"
                                 r"(?:go|be\s+sent|be\s+addressed)\s+to",
                                 # "Contact:" alone on its line above the officials (never "Contact: press@…").
                                 r"contacts?(?=\s*:$)"),
                       copies_to=(r"(?:(?:and|with)\s+)?(?:please\s+|you\s+(?:may|can|could)\s+)?(?:also\s+)?(?:send(?:ing)?\s+)?(?:a\s+)?(?:cop(?:y|ies)(?:\s+of\s+(?:your|the|this|each)\s+"
                                  r"(?:letters?|appeals?|messages?))?(?:\s+to)?|cc)",
                                  r"copy\s+the\s+embassy"),
                       # "Send it to the officials listed below", "Send it to the Director of Public Prosecutions at
                       # the address below".
                       officials_below=(r"send\s+(?:it|them|your\s+(?:letters?|appeals?))\s+to\s+the\s+"
                                        r"(?:[^.:]{0,80}?\s)?(?:officials?|authorities|address(?:es)?)\s+"
                                        r"(?:(?:listed|given|shown)\s+)?below\b",
                                        r"write\s+a\s+letter\b.*\bto\s+(?:each\s+of\s+)?the\s+officials\s+listed\b",
                                        r"contact\s+th(?:ese|is|e)\s+(?:\w+\s+)?officials?\b"),
                       demand_intros=(r"\b(?:urg(?:e|es|ing)|call(?:s|ing)?\s+(?:on|upon)|ask(?:s|ing)?|"
                                      r"request(?:s|ing)?|press(?:es|ing)?|demand(?:s|ing)?|tell(?:s|ing)?)\b.*\bto"
                                      # "Here's what we're asking the authorities to do:"
                                      r"(?:\s+do)?",
                                      r"\b(?:urge|ask|request|demand)s?\s+that\s+(?:you|they|the\s+authorities)",
                                      r"\bthe\s+following\s+(?:points|demands|concerns|requests)",
                                      # "Write a letter, send an email, call, fax or tweet:" (with its colon only),
                                      # after a call to act: "TAKE ACTION: WRITE A LETTER, … OR TWEET:"
                                      r"^(?:(?:please\s+)?take\s+action(?:\s+now)?\s*[:!.]\s*)?write\s+a\s+letter\b[^:]*(?=:)",
                                      # "In your letters:" (with its colon only)
                                      r"^in\s+(?:your|each)\s+(?:letters?|appeals?|messages?|e-?mails?)\s*(?=:)",
                                      # "What to ask for:", "What to call for:" (with its colon only)
                                      r"^what\s+to\s+(?:ask|call|press)\s+for\s*(?=:)"),
                       letter_asks=(r"(?:urge|call\s+(?:on|upon)|ask|request)\s+you\s+to", r"please(?:\s+also)?"),
                       sentence_asks=(r"(?:urg(?:e|ing)|call(?:ing)?\s+(?:on|upon)|ask(?:ing)?)\s+"
                                      r"(?:him|her|them|the\s+authorities)\s+to\s+",),
                       sentence_ask_joins=(r"(?:and\s+)?to\s+",),
                       sentence_ask_last_joins=(r"\s+and\s+to\s+",),
                       # "to" before a verb, not before whom or what: "… and to his family" goes on.
                       sentence_ask_verb_starts=(r"(?!(?:the|a|an|his|her|their|its|him|them|me|us|you|my|our|your|"
                                                 r"this|that|these|those|all)\b)[^\W\d_]+\b",),
                       calls_to_act=(r"take\s+action(?:\s+now)?", r"act\s+now", r"what\s+you\s+can\s+do"),
                       backgrounds=(r"additional\s+information", r"background(?:\s+information)?"),
                       # "Write a letter, send an email, … using your own words or this sample letter:".
                       model_letters=(r"take\s+action\b.*\b(?:model|sample|suggested)\s+(?:letter|appeal|e-?mail|message)\b.*",
                                      r"write\s+a\s+letter\b[^.:]*\b(?:this|the|our)\s+(?:model|sample|suggested)\s+"
                                      r"(?:letter|appeal|e-?mail|message)(?:\s+below)?",
                                      r"(?:model|sample|suggested)\s+(?:letter|appeal|e-?mail|message)"),
                       salutation_labels=(r"salutations?",),
                       # 'Please address him as "Dear …"', 'Please address the Ambassador as "Your Excellency"'.
                       salutation_sentences=(r"(?:and\s+)?(?:please\s+)?(?:address|greet)\s+(?:him|her|them|the\s+[^\W\d_]+"
                                             r"(?:\s+[^\W\d_]+){0,3}?)\s+as",
                                             # 'When writing, start your letter with the salutation Dear …', 'You
                                             # may also write to the Ambassador, beginning your letter "…"'
                                             r"(?:when\s+writing,?\s+|you\s+(?:may|can)\s+(?:also\s+)?write\s+to\s+"
                                             r"(?:him|her|them|the\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?),?\s+)?"
                                             r"(?:please\s+)?(?:begin|start|open)(?:ning|ing)?\s+(?:your\s+)?"
                                             r"(?:letters?|appeals?|emails?|messages?)(?:\s+with(?:\s+the\s+(?:salutation|"
                                             r"greeting))?)?",
                                             # 'Please address your letter "Dear Chief Minister"'
                                             r"(?:please\s+)?(?:address|head)\s+your\s+(?:letters?|appeals?|emails?"
                                             r"|messages?)(?:\s+to\s+(?:him|her|them|the\s+[^\W\d_]+"
                                             r"(?:\s+[^\W\d_]+){0,3}?))?(?:\s+(?:as|with|to))?",
                                             # 'Letters to the Minister should begin "Dear Minister"'
                                             r"(?:your\s+)?(?:letters?|appeals?|emails?|messages?)(?:\s+to\s+(?:him|her|them"
                                             r"|the\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?))?\s+(?:should|may|must|can)"
                                             r"\s+(?:begin|start|open)(?:\s+with)?",
                                             # 'Please use the salutation "Dear Governor"', '…, with the salutation
                                             # "Dear Secretary"'
                                             r"(?:please\s+)?(?:use|with|using)\s+the\s+(?:salutation|greeting)",
                                             # '…, who should be addressed as "Your Excellency"'
                                             r"who\s+(?:should|may|must|can)\s+be\s+(?:addressed|greeted)\s+as"),
                       email_labels=(r"e-?mails?(?:\s+address(?:es)?)?",),
                       contact_phrases=(r"(?:or\s+)?by\s+(?P<label>e-?mail|phone|telephone|fax)\s+(?:to|at|on)",
                                        # "You can also email the minister at …"
                                        r"(?:you\s+(?:can|may)\s+(?:also\s+)?)?(?P<label>e-?mail|phone|fax)\s+"
                                        r"(?:him|her|them|the\s+[^\W\d_]+)\s+(?:at|on)"),
                       address_labels=(r"(?:postal\s+|mailing\s+)?address",),
                       po_boxes=(r"p\.?\s?o\.?\s+box", r"post\s+office\s+box", r"box", r"private\s+bag"),
                       diplomatic_missions=(r"embassy", r"(?:permanent\s+)?mission", r"consulate",
                                            r"high\s+commission"),
                       state_forms=("republic", "kingdom", "sultanate", "state", "union"),
                       courtesies=(r"thank\s+you", r"thanks", r"many\s+thanks", r"please"),
                       attentions=(r"attn\.?:?", r"for\s+the\s+attention\s+of:?"),
                       fax_labels=(r"fax", r"telefax"), phone_labels=(r"telephone", r"tel", r"phone", r"mobile"),
                       reader_words=("you", "your", "yours", "we", "our"),
                       # Counsel, members of parliaments and assemblies, justices of the peace, orders.
                       post_nominals=("MP", "TD", "QC", "KC", "SC", "SAN", "JP", "MLA", "MPP", "MHA", "MNA", "MLC",
                                      "MHK", "OBE", "MBE", "CBE", "KBE", "CMG", "KCMG", "GCMG", "GCB"),
                       # "Her Excellency Ms …", "H.E. Mr …", "His Excellency Sheikh …": the courtesy title after the
                       # excellency is part of it.
                       # "His Highness Sheikh …", "His Majesty King …": the highness or majesty and the title after it.
                       honorifics=(r"(?:his|her)\s+(?:royal\s+)?highness(?:\s+(?:prince(?:ss)?|sheikh(?:a)?|"
                                   r"shaikh(?:a)?|emir|sultan))?",
                                   r"(?:his|her)\s+majesty(?:\s+(?:king|queen|sultan))?",
                                   r"(?:his|her)\s+excellency(?:\s+(?:mr|mrs|ms|miss|madam|mx|dr|prof)\.?"
                                   r"|\s+s(?:h)?ai?kh(?:a)?|\s+sheikh(?:a)?)?",
                                   r"their\s+excellenc(?:y|ies)",
                                   r"h\.\s?e\.(?:\s+(?:mr|mrs|ms|miss|madam|mx|dr|prof)\.?)?",
                                   # "HE Ms …" without its stops, as British envelopes write it: in its capitals only,
                                   # before a capitalised word, so that it is never the pronoun.
                                   r"(?-i:HE)(?:\s+(?:mr|mrs|ms|miss|madam|mx|dr|prof)\.?)?(?=\s+(?-i:[A-Z][a-z]))",
                                   # "The Most Honourable …" (a prime minister in Jamaica and other Commonwealth
                                   # states), and an academic title or a senator's before "the Hon.": "Dr the
                                   # Hon. …", "Senator the Hon. …".
                                   r"(?:(?:dr|prof)\.?\s+|senator\s+)?the\s+(?:rt\.?\s+|most\s+)?hon(?:ou?rable|\.)?",
                                   r"rt\.?\s+hon(?:ou?rable|\.)?", r"hon\.",
                                   r"hono(?:u)?rable",
                                   r"mr\.?", r"mrs\.?", r"ms\.?", r"miss", r"mx\.?", r"dr\.?", r"prof\.?",
                                   r"professor", r"sir", r"dame",
                                   # A counsellor-at-law's title before the name, as Liberia's envelopes write it
                                   # ("Cllr. …"), and a councillor's in Britain and Ireland.
                                   r"cllr\.?",
                                   # The academic degrees Czech, Slovak and Austrian envelopes write before a name,
                                   # kept in sheets in English: "Ing. …", "Mgr. …", "JUDr. …", "Mag. …".
                                   r"judr\.", r"mudr\.", r"phdr\.", r"rndr\.", r"paeddr\.", r"mgr\.", r"bc\.",
                                   r"mag\.", r"doc\.",
                                   # The Gulf states' envelopes in English: "Sheikh …", "Shaikh …", "Shaikha …".
                                   r"s(?:h)?ai?kh(?:a)?", r"sheikh(?:a)?",
                                   # Iran's clerics: "Ayatollah …", "Hojjatoleslam …" (spelt with one "j" or
                                   # hyphens too), "Hojjatoleslam val-Moslemin …".
                                   r"ayatollah", r"hojj?at[-\s]?(?:ol|al)[-\s]?eslam(?:\s+va[lr]?[-\s]?moslemin)?",
                                   # India's envelopes in English: "Shri …", "Smt. …", "Kumari …".
                                   r"shri", r"sri", r"shrimati", r"smt\.?", r"kumari", r"sushri", r"thiru", r"tmt\.?",
                                   # Myanmar's: "U Thein Zaw Lin", "Daw Khin Mya". Written with its capital
                                   # only, before a capitalised word, so that "U" is never an initial ("U. S.
                                   # Grant", "U S Grant") nor a line of its own.
                                   r"(?-i:U|Daw)(?=\s+(?-i:[A-Z][a-z]))",
                                   # Malaysia's: the federal and state titles ("Tan Sri", "Datuk Seri", "Dato' Sri"),
                                   # their wives' ("Puan Sri", "Datin Paduka", "Toh Puan") and "Yang Berhormat", with
                                   # the title it may go on with ("Yang Berhormat Dato …", "Yang Berhormat Datuk Seri"),
                                   # also cut short in its capitals ("YB Dato' Sri …", "YAB Datuk Seri …").
                                   r"(?:tan|puan)\s+sri(?:\s+dato['’]?(?:\s+s(?:e)?ri)?)?",
                                   r"(?:datuk|dato['’]?|datin)(?:\s+(?:s(?:e)?ri|paduka|panglima))*", r"toh\s+puan",
                                   r"(?:yang\s+(?:amat\s+)?berhormat|(?-i:YA?B)(?=\s+(?-i:[A-Z])))"
                                   r"(?:\s+(?:(?:datuk|dato['’]?|datin)(?:\s+s(?:e)?ri)?"
                                   r"|tan\s+sri))?",
                                   r"(?-i:Tun)(?=\s+(?-i:[A-Z][a-z]))",
                                   # Bhutan's: a minister's "Lyonpo …", the prime minister's "Lyonchhen …", the
                                   # title the king gives "Dasho …", and a woman's "Aum …" (in its capital only).
                                   r"lyonpo", r"lyonch(?:h)?(?:oe|e)n", r"dasho", r"(?-i:Aum)(?=\s+(?-i:[A-Z][a-z]))",
                                   # West Africa's, for one who made the pilgrimage: "Alhaji …", "Alhaja …", "Hajia …".
                                   r"alh(?:aji|aja|\.)", r"hajia"),
                       # A force may lead the rank ("Police Major General …", "Air Chief Marshal …").
                       # The rank's words may be joined by a hyphen ("Brigadier-General", "Lieutenant-Colonel"); a grade
                       # may stand before another ("Senior Lieutenant General", "Senior Major General").
                       ranks=(r"(?:(?:police|army|air|naval)\s+)?(?:(?:senior|vice|rear|lieutenant|major|brigadier|"
                              r"chief|field)[\s-]+){0,2}(?:general|colonel|admiral|marshal)", r"brigadier",
                              r"counsel+or",
                              r"(?:police\s+)?(?:inspector|commissioner)(?:\s+general)?", r"superintendent",
                              r"minister[-\s]counsel+or",
                              # The ranks cut short with their dot: "Col. …", "Lt. Col. …", "Maj. Gen. …", "Capt. …",
                              # "Adm. …", "Vice Adm. …".
                              r"(?:(?:lt|maj|brig)\.\s?)?(?:gen|col)\.", r"brig\.", r"maj\.", r"capt\.",
                              r"(?:(?:vice|rear)\s+)?adm\.",
                              # Police and prison ranks by their initials, in capitals: "SSP …" (senior superintendent),
                              # "ACP …" (assistant commissioner), "IGP …", "DIG …", "CGP …" (commissioner general of
                              # prisons).
                              r"(?-i:(?:[ADS]?S|[AD]?C|A?IG|DIG|CG)P|A?IG|DIG)"),
                       # "Minister in the Presidency", "Minister in the Prime Minister's Department".
                       role_joins=(r"of", r"for", r"to", r"at", r"in"),
                       small_words=tuple("the of and to for in on at by with from a an as or nor but into over per "
                                         "via is are".split()),
                       title_case_headlines=True,
                       page_numbers=(r"page\s*\d{1,3}\s*of\s*\d{1,3}",),
                       page_counts=(r"\d{1,3}\s+of\s+\d{1,3}",)),
                   solidarity="You are not alone. People around the world are thinking of you and standing with you."),
    LetterLanguage("es", "Atentamente,", "Señor o señora:", "es", "Latn",
                   salutations=(r"estimad[oa]s?", r"señora?", r"excelent[ií]sim[oa]s?"),
                   letter_starts=(r"estimad", r"señor", r"excelent[ií]sim", r"atentamente", r"cordialmente",
                                  r"le\s+saluda", r"reciba"),
                   closings=(r"(?:le\s+saluda\s+)?atentamente", r"cordialmente",
                             r"(?:reciba\s+)?un\s+(?:cordial\s+)?saludo(?:\s+cordial)?"),
                   is_sheet_language=True, sent_via="{name} vía {org}", sheet_words=SheetWords(
                       ua=(r"au",), banners=(r"acci[oó]n\s+urgente",),
                       ordinals=(r"primer[ao]?", r"segund[ao]", r"tercer[ao]?", r"cuart[ao]", r"quint[ao]", r"sext[ao]",
                                 r"s[ée]ptim[ao]", r"octav[ao]", r"noven[ao]", r"d[ée]cim[ao]"),
                       follow_ups=(r"actualizaci[oó]n", r"informaci[oó]n\s+complementaria",
                                   r"acci[oó]n\s+complementaria", r"nueva\s+informaci[oó]n"),
                       follow_ups_after=(r"continuaci[oó]n",),
                       follow_up_links=(r"de\s+la", r"sobre\s+la", r"sobre"),
                       deadlines=(r"v[aá]lid[ao]\s+hasta\s+el",
                                  r"no\s+env[ií]e[ns]?\s+m[aá]s\s+llamamientos\s+despu[eé]s\s+del"),
                       deadline_labels=(r"(?:fecha\s+l[ií]mite|plazo)(?:\s+(?:para|de)\s+(?:enviar\s+|el\s+)?(?:los\s+|las\s+)?"
                                        r"(?:llamamientos|cartas|acciones|env[ií]o))?",),
                       datelines=(r"(?:publicad[oa]|actualizad[oa])(?:\s+el)?", r"fecha"),
                       untils=(r"hasta\s+el", r"antes\s+del?", r"a\s+m[aá]s\s+tardar\s+el",
                               r"(?:y\s+)?no\s+m[aá]s\s+tarde\s+del?", r"como\s+(?:muy\s+)?tarde\s+el"),
                       weekdays=(r"lunes", r"martes", r"mi[ée]rcoles", r"jueves", r"viernes", r"s[áa]bado", r"domingo"),
                       actions=(r"escrib(?:a|an|e|ir|id)\b", r"llamamientos?\b", r"acci[oó]n\b",
                                r"act[uú](?:a|e|en|ar)\b", r"env[ií](?:a|e|en|ar)\b", r"cartas?\b"),
                       write_verbs=(r"(?:por\s+favor,?\s+)?(?:escrib(?:e|a|an|id)|env[ií](?:a|e|en|ad)|redact(?:a|e|en))",),
                       language_prepositions=(r"en",),
                       day_first=True,
                       write_in=(r"(?:por\s+favor,?\s+)?(?:(?:tambi[eé]n\s+)?pued(?:e|es|en)\s+(?:tambi[eé]n\s+)?)?"
                                 r"escrib(?:a|an|e|id|ir)\s+(?:(?:sus?|tus?)\s+(?:llamamientos?|cartas?)\s+)?en",),
                       conjunctions=(r"o", r"u", r"y", r"e"),
                       preferences=(r"preferiblemente", r"preferentemente", r"de\s+preferencia", r"a\s+ser\s+posible"),
                       own_language=(r"(?:en\s+)?(?:su|tu)\s+propi[ao]\s+(?:idioma|lengua)",
                                     r"(?:en\s+)?(?:su|tu)\s+(?:idioma|lengua)"),
                       people_labels=(r"nombres?(?:\s+y\s+(?:g[ée]nero(?:\s+gramatical)?|pronombres?)"
                                      r"(?:\s+preferid[oa]s?)?)?",),
                       previous_links=(r"enlaces?\s+a\s+(?:la\s+)?au\s+anterior",),
                       preferred_languages=(r"(?:idiomas?|lenguas?)(?:\(s\))?\s+(?:preferentes?|preferid[oa]s?)(?:\(s\))?"
                                            r"(?:\s+(?:para|de)\s+[^:]{0,50})?", r"(?:idiomas?|lenguas?)(?:\(s\))?"),
                       officials_follow=(r"a",),
                       articles=(r"el\s+", r"la\s+", r"los\s+", r"las\s+"),
                       office_prepositions=(r"en\s+(?:el|la)\s+",),
                       further_officials=(r"(?:y|as[ií]\s+como)\s+(?:al\s+|a\s+la\s+|a\s+los\s+|a\s+las\s+)",),
                       write_to=(r"(?:env[ií](?:a|e|en|ad)|dirij[ae]n?|dirig(?:e|id)|escrib(?:e|a|an|id))\s+(?:tambi[eé]n\s+)?(?:tus?\s+|sus?\s+)?"
                                 r"(?:llamamientos?|cartas?|peticiones)\s+al?", r"llamamientos\s+al?",
                                 r"escrib(?:e|a|an)\s+(?:tambi[eé]n\s+)?al?",
                                 r"(?:tambi[eé]n\s+)?pued(?:e|es|en)\s+(?:tambi[eé]n\s+)?escribir\s+al?",
                                 # "Pueden dirigirse igualmente a la Ministra …", "Diríjase también al Fiscal …".
                                 r"(?:(?:tambi[eé]n\s+)?pued(?:e|es|en)\s+)?(?:dirigir(?:se|te)|dir[ií]j(?:a|an)se|dir[ií]gete)"
                                 r"\s+(?:tambi[eé]n\s+|igualmente\s+|asimismo\s+)?al?"),
                       copies_to=(r"(?:y\s+)?(?:env[ií](?:a|e|en|ando)\s+(?:tambi[eé]n\s+)?(?:una\s+)?)?copias?(?:\s+de\s+(?:tus?|sus?|la|las|esta|este)\s+"
                                  r"(?:cartas?|llamamientos?|mensajes?))?\s+a", r"copias?(?=\s*:)"),
                       demand_intros=(r"\b(?:p[ií]d(?:o|e|a|an|en)(?:le|les)?|pidi[eé]ndo(?:le|les)?|pedimos|"
                                      r"pedir(?:le|les)?|solicit\w*|exig\w*|reclam\w*|"
                                      r"inst(?:o|a|e|an|en|amos|ando|[aá]ndo(?:le|les)))\b.*\bque\b[^:]*",
                                      r"\b(?:inst(?:o|a|e|an|en|amos|ando|[aá]ndo(?:le|les))|llam(?:a|e|ando))\b.*\ba",
                                      # "…, pidiendo a las autoridades:", the demands below each starting "que …"
                                      r"\b(?:p[ií]d(?:o|e|a|an|en)|pidi[eé]ndo|pedir)(?:le|les)?\s+al?\b[^:]*",
                                      r"\bsiguientes\s+(?:peticiones|demandas|puntos)"),
                       # An adverb may stand before "que" or "a": "Le insto asimismo a que …", "Le pido también que …".
                       letter_asks=(r"(?:le|les|os)\s+(?:pido|pedimos|ruego|rogamos|solicito|solicitamos|exijo|exigimos)"
                                    r"(?:\s+(?:asimismo|tambi[eé]n|adem[aá]s|igualmente|encarecidamente))?\s+que",
                                    r"(?:le|les|os)\s+(?:insto|instamos)"
                                    r"(?:\s+(?:asimismo|tambi[eé]n|adem[aá]s|igualmente|encarecidamente))?\s+a(?:\s+que\b,?)?"),
                       sentence_asks=(r"p[ií]d(?:[ae]|i[eé]ndo)(?:le|les)\s+que\s+",),
                       sentence_ask_joins=(r"(?:y\s+)?que\s+",),
                       calls_to_act=(r"act[úu]a(?:\s+ahora)?", r"pasa\s+a\s+la\s+acci[óo]n", r"qu[ée]\s+puedes\s+hacer",
                                     r"qu[ée]\s+puede\s+hacer\s+usted"),
                       backgrounds=(r"informaci[oó]n\s+adicional", r"informaci[oó]n\s+de\s+contexto",
                                    r"antecedentes"),
                       model_letters=(r"act[uú]a\b.*\bcarta\s+modelo\b.*", r"(?:carta|llamamiento)\s+modelo",
                                      r"modelo\s+de\s+carta"),
                       salutation_labels=(r"saludo", r"tratamiento", r"encabezamiento"),
                       salutation_sentences=(r"(?:por\s+favor,?\s+)?(?:comience|empiece|inicie|comienza|empieza)\s+"
                                             r"(?:su|sus|tu|tus)\s+(?:cartas?|llamamientos?|mensajes?|correos?)\s+con",
                                             # "…, Teléfono: …, con el tratamiento «Señora Ministra».": the last
                                             # clause of a sentence that names an official.
                                             r"con\s+el\s+(?:tratamiento|saludo|encabezamiento)(?:\s+de)?",),
                       email_labels=(r"correo-e", r"correo(?:\s+electr[oó]nico)?"),
                       address_labels=(r"direcci[oó]n(?:\s+postal)?", r"domicilio"),
                       po_boxes=(r"apartado(?:\s+(?:postal|de\s+correos?|a[eé]reo))?", r"casilla(?:\s+de\s+correos?)?"),
                       diplomatic_missions=(r"embajada", r"consulado", r"misi[óo]n\s+permanente"),
                       state_forms=("república", "reino", "sultanato", "estado", "unión"),
                       courtesies=(r"(?:muchas\s+)?gracias", r"por\s+favor"),
                       phone_labels=(r"tel[eé]fono", r"tel"),
                       reader_words=("tú", "tu", "tus", "te", "ti", "usted", "ustedes", "vosotros", "os", "nosotros",
                                     "nosotras", "nos", "nuestro", "nuestra", "nuestros", "nuestras"),
                       # "Excmo. Sr. D.", "Sra. Dña.": don and doña after the honorific belong to it.
                       # "Su Alteza el Jeque …", "Su Majestad el Rey …": the highness and the title after it.
                       honorifics=(r"su\s+(?:alteza|majestad)(?:\s+(?:real\s+)?(?:el|la)\s+(?:jeque|jequesa|"
                                   r"emir|rey|reina|pr[íi]ncipe|princesa|sult[áa]n))?",
                                   r"su\s+excelencia(?:\s+(?:señora?|sra?\.))?",
                                   r"excm[oa]\.?\s+(?:sra?\.?|señora?)(?:\s+(?:d\.|dña\.?|dª|don|doña))?",
                                   r"(?:sra?\.?|señora?)\s+(?:d\.|dña\.?|dª|don|doña)", r"doña", r"dña\.", r"don",
                                   r"d\.",
                                   r"sr\.?", r"sra\.?", r"srta\.?", r"señora?", r"dr\.?", r"dra\.?", r"lic\.?",
                                   r"licda\.?", r"mtr[oa]\.?", r"abog\.?", r"ing\.?"),
                       ranks=(r"(?:vice|contra)?almirante", r"(?:teniente\s+)?coronel",
                              r"(?:teniente\s+|mayor\s+)?general(?:\s+de\s+(?:brigada|divisi[óo]n))?",
                              r"comisario(?:\s+general)?"),
                       role_joins=(r"de", r"del"),
                       small_words=tuple("el la los las del de y e o u a al en con por para que un una es su sus"
                                         .split()),
                       page_numbers=(r"p[áa]g(?:ina|\.)\s*\d{1,3}\s*de\s*\d{1,3}",),
                       page_counts=(r"\d{1,3}\s+de\s+\d{1,3}",)),
                   solidarity="No te olvidamos. Personas de todo el mundo piensan en ti y están a tu lado."),
    LetterLanguage("fr", "Je vous prie d’agréer l’expression de ma haute considération.",
                   "Madame, Monsieur,", "fr", "Latn",
                   salutations=(r"monsieur", r"madame"),
                   letter_starts=(r"monsieur", r"madame", r"cordialement", r"veuillez\s+agr[ée]er", r"je\s+vous\s+prie",
                                  r"respectueusement"),
                   # The long formulas name the official again: "Veuillez agréer, Monsieur le Ministre, l'expression
                   # de ma haute considération."
                   closings=(r"(?:bien\s+)?cordialement", r"(?:bien\s+)?respectueusement",
                             r"(?:veuillez|je\s+vous\s+prie\s+d['’])\s*agr[ée]er\b.*",
                             r"(?:recevez|veuillez\s+recevoir)\b.*\b(?:salutations|consid[ée]ration)\b.*"),
                   is_sheet_language=True, sheet_words=SheetWords(
                       ua=(r"au", r"ua"), banners=(r"action\s+urgente",),
                       ordinals=(r"premi[eè]re?", r"(?:deuxi[eè]me|seconde?)", r"troisi[eè]me", r"quatri[eè]me",
                                 r"cinqui[eè]me", r"sixi[eè]me", r"septi[eè]me", r"huiti[eè]me", r"neuvi[eè]me",
                                 r"dixi[eè]me"),
                       follow_ups=(r"mise\s+[àa]\s+jour", r"compl[ée]ment\s+d'information",
                                   r"actions?\s+compl[ée]mentaires?", r"informations?\s+compl[ée]mentaires?",
                                   r"nouvelles\s+informations"),
                       follow_ups_after=(r"suite", r"\(suite\)"),
                       follow_up_links=(r"de\s+l'", r"sur\s+l'", r"de\s+la", r"sur"),
                       deadlines=(r"valable\s+jusqu'au", r"n'envoyez\s+plus\s+d'appels?\s+apr[eè]s\s+le"),
                       deadline_labels=(r"date\s+limite(?:\s+d'envoi|\s+pour\s+(?:les\s+)?(?:appels|envois|actions))?",
                                        r"d[ée]lai"),
                       datelines=(r"(?:publi[ée]e?|mise?\s+[àa]\s+jour)(?:\s+le)?", r"date"),
                       untils=(r"jusqu'au", r"avant\s+le", r"au\s+plus\s+tard\s+le", r"(?:et\s+)?pas\s+apr[èe]s\s+le"),
                       weekdays=(r"lundi", r"mardi", r"mercredi", r"jeudi", r"vendredi", r"samedi", r"dimanche"),
                       actions=(r"[ée]cri(?:vez|re)\b", r"appels?\b", r"action\b", r"agi(?:ssez|r)\b",
                                r"envoy(?:ez|er)\b", r"lettres?\b", r"interven(?:ez|ir)\b"),
                       write_verbs=(r"(?:veuillez\s+|merci\s+d['’]\s*)?(?:[ée]cri(?:vez|re)|r[ée]dig(?:ez|er)|envoy(?:ez|er)"
                                    r"|adress(?:ez|er)|transmett(?:ez|re)|interpell(?:ez|er))",),
                       language_prepositions=(r"en",),
                       # Not "à": "écrivez à …" comes before a person as often as before a town.
                       place_prepositions=(r"dans(?:\s+(?:le\s+village|la\s+ville)\s+de)?",),
                       day_first=True,
                       write_in=(r"(?:veuillez\s+|merci\s+d'|vous\s+pouvez\s+(?:aussi\s+|[ée]galement\s+)?)?"
                                 r"(?:[ée]cri(?:vez|re|s)|r[ée]dig(?:ez|er))\s+(?:vos\s+(?:appels|lettres)\s+)?en",
                                 r"(?:vos\s+|les\s+)?(?:appels|lettres)\s+peuvent\s+(?:aussi\s+|[ée]galement\s+)?[êe]tre\s+"
                                 r"(?:r[ée]dig[ée]e?s|[ée]crite?s)\s+en",
                                 # "Dans vos courriers, rédigés en français ou en anglais, demandez …", "Dans vos
                                 # lettres, en français, demandez …".
                                 r"(?:dans\s+)?(?:vos|les)\s+(?:appels|courriers|lettres|messages|courriels)\s*"
                                 r"(?:,?\s+(?:r[ée]dig[ée]e?s|[ée]crite?s)|,)\s+en"),
                       conjunctions=(r"ou", r"et"),
                       preferences=(r"de\s+pr[ée]f[ée]rence", r"id[ée]alement", r"si\s+possible"),
                       own_language=(r"(?:dans\s+)?votre\s+(?:propre\s+)?langue",),
                       people_labels=(r"noms?(?:\s+et\s+pronoms?)?",),
                       previous_links=(r"liens?\s+vers\s+(?:l['’]\s*)?au\s+pr[ée]c[ée]dente",),
                       preferred_languages=(r"langues?(?:\(s\))?\s+(?:[àa]\s+privil[ée]gier|pr[ée]f[ée]r[ée]es?)"
                                            r"(?:\s+(?:pour|de)\s+[^:]{0,50})?", r"langues?(?:\(s\))?"),
                       officials_follow=(r"[àa]", r"au", r"aux"),
                       write_to=(r"(?:veuillez\s+|merci\s+d['’]\s*|vous\s+pouvez\s+(?:aussi\s+|[ée]galement\s+)?)?[ée]cri(?:vez|re)\s+(?:aussi\s+|[ée]galement\s+)?"
                                 r"(?:[àa]|au|aux)",
                                 # "Rédigez votre appel et adressez-le au ministre …", "Merci de faire parvenir
                                 # vos lettres à …".
                                 r"(?:veuillez\s+|merci\s+d['’]\s*|merci\s+de\s+)?(?:adress|transmett|envoy)(?:ez|er|re)"
                                 r"(?:-(?:le|la|les|lui|vous))?\s+(?:[àa]|au|aux)",
                                 # "Interpellez le ministre …": the official right after the verb, with its article.
                                 r"(?:veuillez\s+|merci\s+d['’]\s*)?interpell(?:ez|er)(?=\s+(?:le|la|les)\s|\s+l['’])",
                                 r"(?:veuillez\s+|merci\s+de\s+)?(?:faites|faire)\s+parvenir\s+(?:vos|votre|un|une)\s+"
                                 r"(?:appels?|lettres?|courriers?)\s+(?:[àa]|au|aux)",
                                 # "Veuillez envoyer vos appels au premier ministre …", "Adressez vos lettres à …",
                                 # "Écrivez … une lettre
                                 # courtoise à M. …": the letter may be called polite.
                                 r"(?:veuillez\s+|merci\s+d['’]\s*|merci\s+de\s+)?(?:envoy(?:ez|er)|[ée]cri(?:vez|re)"
                                 r"|adress(?:ez|er)"
                                 r"|transmett(?:ez|re))\s+"
                                 r"(?:aussi\s+|[ée]galement\s+)?(?:vos|votre|un|une)\s+"
                                 # "Adressez vos courriels et lettres au …": what is sent may be two things.
                                 r"(?:(?:appels?|lettres?|courriers?|courriels?|messages?)\s+(?:et|ou)\s+(?:vos\s+)?)?"
                                 r"(?:appels?|lettres?|courriers?|courriels?|messages?)"
                                 r"(?:\s+(?:courtois(?:es?)?|poli(?:e|s|es)?))?"
                                 r"\s+(?:[àa]|au|aux)",
                                 r"appels?\s+(?:[àa]|au|aux)"),
                       # "Envoyez une copie à …", "Merci d'adresser également une copie de votre lettre à …",
                       # "Veuillez aussi envoyer une copie à …", "…, avec une copie à l'ambassadeur …", "…, et une
                       # copie à Son Excellence …".
                       copies_to=(r"(?:(?:avec|et)\s+(?:une\s+|des\s+)?|(?:et\s+)?(?:veuillez\s+(?:aussi\s+|[ée]galement\s+)?"
                                  r"|merci\s+d['’]\s*)?(?:en\s+)?"
                                  r"(?:envoy|adress|transmett)(?:ez|er|ant|re)\s+(?:aussi\s+|[ée]galement\s+)?"
                                  r"(?:une\s+|des\s+)?)?copies?(?:\s+de\s+(?:votre|vos|cette|ces|la|l['’])"
                                  r"\s*(?:lettres?|appels?|courriers?|messages?))?\s+(?:[àa]|au|aux)",
                                  r"copies?(?=\s*:)",
                                  # "…, en mettant en copie l'Ambassade …", "Une copie peut être envoyée à …".
                                  r"(?:en\s+)?mett(?:ez|ant|re)\s+(?:aussi\s+|[ée]galement\s+)?en\s+copie",
                                  r"(?:une\s+|des\s+)?copies?\s+(?:peu|doi)(?:t|vent)\s+(?:aussi\s+|[ée]galement\s+)?"
                                  r"[êe]tre\s+(?:envoy|adress)[ée]e?s?\s+(?:[àa]|au|aux)"),
                       demand_intros=(r"\b(?:demand(?:ez|ons|e|ant|er)|exhort(?:ez|ons|e|ant|er)|"
                                      r"pri(?:ez|ons|e|ant|er))\b[^:]*",
                                      r"\b(?:appel(?:ez|ons|ant|er|le)|invit(?:ez|ons|e|ant|er))\b.*\b(?:[àa]|au|aux)",
                                      r"\b(?:points|demandes|revendications)\s+suivant(?:e)?s",
                                      # "Dans vos lettres :" (with its colon only)
                                      r"^dans\s+(?:vos|votre|chaque)\s+(?:lettres?|appels?|courriers?|messages?)\s*(?=:)"),
                       letter_asks=(r"(?:je|nous)\s+vous\s+(?:demande|demandons|prie|prions|exhorte|exhortons)"
                                    r"(?:\s+(?:donc|instamment|respectueusement|solennellement|enfin|aussi|[ée]galement))?"
                                    r"(?=\s+(?:de|d['’]))",),
                       sentence_asks=(r"(?:demandez|priez)-(?:lui|leur|les|le|la)\s+(?:de\s+|d['’])",
                                      r"en\s+(?:lui|leur)\s+demandant\s+(?:de\s+|d['’])"),
                       sentence_ask_joins=(r"(?:et\s+)?(?:de\s+|d['’])",),
                       item_asks=(r"en\s+(?:(?:lui|leur|les|la|le)\s+)?(?:demandant|priant|exhortant|appelant|invitant)"
                                  r"(?:\s+(?:aux|[àa]\s+la|[àa]\s+l['’]|au)\s*(?:autorit[ée]s|gouvernement|ministre)"
                                  r"(?:\s+[^\W\d_]+)?)?\s+(?:de\s+|d['’]|[àa]\s+)",),
                       sentence_ask_last_joins=(r"\s+et\s+(?:de\s+|d['’])",),
                       # An infinitive, after its object pronouns: "veiller", "le libérer", "leur permettre".
                       sentence_ask_verb_starts=(r"(?:(?:le|la|les|lui|leur|se|y|en|ne\s+pas)\s+|[lsn]['’])*"
                                                 r"[^\W\d_]+(?:er|ir|re|oir)\b",),
                       calls_to_act=(r"passez\s+[àa]\s+l['’]action", r"agissez(?:\s+maintenant)?",
                                     r"ce\s+que\s+vous\s+pouvez\s+faire", r"que\s+pouvez-vous\s+faire"),
                       # "Complément d'information" alone heads the background; before a UA number it names
                       # a follow-up ("Complément d'information sur l'AU 12/24", read by the follow-up words).
                       backgrounds=(r"informations?\s+compl[ée]mentaires?", r"compl[ée]ment\s+d'informations?",
                                    r"contexte"),
                       articles=(r"l['’]", r"la\s+", r"le\s+", r"les\s+"),
                       further_officials=(r"(?:ainsi\s+qu['’]\s*|et\s+)(?:au\s+|aux\s+|à\s+la\s+|à\s+l['’])",),
                       model_letters=(r"mod[eè]le\s+de\s+lettre", r"lettre\s+type"),
                       salutation_labels=(r"formule\s+d'appel", r"formule\s+de\s+politesse"),
                       # "…, en commençant votre lettre par « Monsieur le Procureur, »."
                       salutation_sentences=(r"(?:en\s+commen[çc]ant|(?:veuillez\s+)?commencez)\s+"
                                             r"(?:votre|vos|chaque)\s+(?:lettres?|appels?|courriers?|messages?)\s+par",
                                             # "…, courriel : …, qu'il convient d'appeler « Monsieur le Gouverneur ».",
                                             # "…, en l'appelant « Madame la Ministre »."
                                             r"(?:qu['’](?:il|elle)\s+)?(?:convient|faut)\s+d['’]\s*appeler",
                                             r"en\s+l['’]\s*appelant"),
                       email_labels=(r"courriels?", r"adresses?\s+[ée]lectroniques?"),
                       address_labels=(r"adresse(?:\s+postale)?",),
                       po_boxes=(r"b\.?\s?p\.?", r"bo[iî]te\s+postale", r"case\s+postale"),
                       diplomatic_missions=(r"ambassade", r"consulat", r"mission\s+permanente"),
                       state_forms=("république", "royaume", "sultanat", "état", "union"),
                       courtesies=(r"merci", r"veuillez", r"n['’]oubliez"),
                       attentions=(r"[àa]\s+l['’]attention\s+de",),
                       fax_labels=(r"t[ée]l[ée]copie", r"fax"),
                       phone_labels=(r"t[ée]l[ée]phone", r"t[ée]l"),
                       reader_words=("vous", "votre", "vos", "tu", "toi", "ton", "tes", "nous", "notre", "nos"),
                       honorifics=(r"s\.\s?e\.\s+(?:madame|monsieur|m\.|mme\.?)", r"s\.\s?e\.",
                                   r"son\s+excellence(?:\s+(?:madame|monsieur))?", r"monsieur", r"madame", r"mme\.?",
                                   r"m\.", r"dr\.?",
                                   # A lawyer's "Maître", written "Me" before the name ("Me Patrick …"): in its
                                   # capital only, never the pronoun.
                                   r"ma[îi]tre", r"(?-i:Me)",
                                   # "Son Altesse le Cheikh …", "S. A. R. le Prince …", "Sa Majesté le Roi …": the
                                   # highness or majesty and the title after it.
                                   r"(?:son\s+altesse(?:\s+royale)?|s\.\s?a\.(?:\s?r\.)?|sa\s+majest[ée]|s\.\s?m\.)"
                                   r"(?:\s+(?:le|la|l['’])\s*(?:cheikh|cheikha|[ée]mir|roi|reine|prince|princesse|"
                                   r"sultan))?"),
                       ranks=(r"(?:vice-|contre-)?amiral", r"(?:lieutenant-)?colonel",
                              r"g[ée]n[ée]ral(?:\s+de\s+(?:brigade|division|corps\s+d['’]arm[ée]e))?"),
                       role_joins=(r"de", r"du", r"des", r"la"),
                       small_words=tuple("le la les des du de d l au aux et ou à en un une pour par sur dans est son "
                                         "sa ses qui".split()),
                       page_numbers=(r"page\s*\d{1,3}\s*(?:sur|de)\s*\d{1,3}",),
                       page_counts=(r"\d{1,3}\s+(?:sur|de)\s+\d{1,3}",)),
                   solidarity=("Nous ne vous oublions pas. Partout dans le monde, des personnes pensent à vous "
                               "et se tiennent à vos côtés.")),
    LetterLanguage("de", "Mit freundlichen Grüßen", "Sehr geehrte Damen und Herren,", "de", "Latn",
                   # "Exzellenz,", "Eure Exzellenz,": a head of state or government, an ambassador.
                   salutations=(r"sehr\s+geehrte[rn]?", r"(?:eure\s+|euer\s+)?exzellenz"),
                   letter_starts=(r"sehr\s+geehrte", r"(?:eure\s+|euer\s+)?exzellenz", r"mit\s+freundlichen",
                                  r"hochachtungsvoll"),
                   closings=(r"mit\s+(?:freundlichen|besten|hochachtungsvollen)\s+gr[üu](?:ß|ss)en",
                             r"hochachtungsvoll"),
                   is_sheet_language=True, sent_via="{name} über {org}", sheet_words=SheetWords(
                       ua=(r"ua",), banners=(r"urgent\s+action", r"eilaktion"),
                       ordinals=(r"erste[rns]?", r"zweite[rns]?", r"dritte[rns]?", r"vierte[rns]?", r"fünfte[rns]?",
                                 r"sechste[rns]?", r"siebte[rns]?", r"achte[rns]?", r"neunte[rns]?", r"zehnte[rns]?"),
                       follow_ups=(r"aktualisierung", r"weitere\s+informationen", r"folgeaktion", r"fortsetzung",
                                   r"neue\s+informationen"),
                       follow_ups_after=(r"fortsetzung",),
                       follow_up_links=(r"zur", r"zu", r"der"),
                       deadlines=(r"g[üu]ltig\s+bis(?:\s+zum)?", r"appelle\s+bis(?:\s+zum|\s+spätestens)?"),
                       # "… möglichst sofort und nicht über den 18. März 2025 hinaus", "Sende deinen Appell bis
                       # 18. März 2025".
                       deadline_labels=(r"(?:appell|einsende)?frist(?:\s+für\s+(?:appelle|briefe|aktionen))?",
                                        r"einsendeschluss"),
                       datelines=(r"(?:zuletzt\s+)?(?:ver[öo]ffentlicht|aktualisiert)(?:\s+am)?", r"datum", r"stand"),
                       untils=(r"bis\s+zum", r"bis\s+spätestens(?:\s+zum)?", r"vor\s+dem", r"bis",
                               # "… sofort und nicht (mehr) nach dem 4. Juni 2026."
                               r"nicht\s+(?:mehr\s+)?(?:[üu]ber\s+den|nach\s+dem)"),
                       afters=(r"nach\s+dem", r"ab\s+dem"),
                       weekdays=(r"montag", r"dienstag", r"mittwoch", r"donnerstag", r"freitag", r"samstag",
                                 r"sonntag"),
                       no_more=(r"keine\s+(?:appelle|briefe|e-?mails|faxe|schreiben|nachrichten)\s+mehr",),
                       actions=(r"schreib(?:en|t|e)?\b", r"appell(?:e|en)?\b", r"aktion\b", r"handeln?\b",
                                r"schick(?:en|t)?\b", r"send(?:e|en|et)?\b", r"briefe?\b",
                                # "Sie sollten nicht nach dem 20. Januar eintreffen.": when the letters are to arrive.
                                r"eintreff(?:en|t)\b"),
                       write_verbs=(r"(?:bitte\s+)?(?:schreib|schick|send|verfass)(?:en|t|e)?(?:\s+sie)?",),
                       language_prepositions=(r"auf", r"in"),
                       place_prepositions=(r"im\s+(?:dorf|ort)", r"in(?:\s+der\s+stadt)?", r"nach"),
                       # "englischer", "deutsche Sprache", "in russischer Übersetzung": the adjective's ending off.
                       language_forms=(r"(?P<name>[^\W\d_]+?(?:isch|sch))(?:e[rnms]?)?(?:\s+(?:sprache|übersetzung|fassung))?",),
                       day_first=True,
                       write_in=(r"(?:bitte\s+)?schreib(?:en|t|e)?(?:\s+sie)?(?:\s+bitte)?"
                                 r"(?:\s+ihre\s+(?:appelle|briefe))?\s+auf",
                                 r"(?:sie\s+k[öo]nnen|du\s+kannst)\s+(?:auch\s+|gerne\s+)?(?:ihre\s+appelle\s+)?(?:auf|in)",
                                 # "Du kannst den Musterbrief verwenden und auf Persisch oder Deutsch schreiben."
                                 r"(?:sie\s+k[öo]nnen|du\s+kannst)\s+[^.!?:;,]{1,60}?\s+verwenden\s+und\s+"
                                 r"(?:auch\s+|gerne\s+)?(?:auf|in)"),
                       conjunctions=(r"oder", r"und"),
                       preferences=(r"vorzugsweise", r"m[öo]glichst", r"am\s+besten", r"idealerweise"),
                       own_language=(r"(?:in\s+)?ihrer\s+(?:eigenen\s+)?sprache",
                                     r"(?:in\s+)?deiner\s+(?:eigenen\s+)?sprache"),
                       people_labels=(r"namen?(?:\s+und\s+pronomen)?",),
                       previous_links=(r"links?\s+zur\s+(?:vorherigen|letzten|fr[üu]heren)\s+ua",),
                       preferred_languages=(r"bevorzugte\s+sprachen?(?:\s+(?:f[üu]r|der)\s+[^:]{0,50})?",
                                            r"sprache(?:n|\(n\))?"),
                       officials_follow=(r"an",),
                       articles=(r"den\s+", r"die\s+", r"das\s+", r"dem\s+", r"der\s+"),
                       # "georgischen", "chinesische", "deutschen" before a capitalised noun.
                       origin_adjectives=(r"[a-zäöü]{2,}(?:isch|sch)e[nmrs]?\s+(?=[A-ZÄÖÜ])",),
                       office_prepositions=(r"(?:im|beim|in\s+der|bei\s+der)\s+",),
                       further_officials=(r"(?:und|sowie)\s+(?:an\s+)?(?:den|die|das)\s+",),
                       # "Briefe bitte an:", "Kopie bitte an:" as Austrian sheets head them.
                       # "Empfänger", "Empfänger*innen", "Empfänger:innen": the officials listed below.
                       # "WOHIN SIE SCHREIBEN", "Wohin schreiben?"
                       write_to=(r"wohin\s+(?:sie\s+|du\s+)?schreib(?:en|st)(?:\s+(?:k[öo]nnen|kannst|sollten?))?\??",
                                 r"empf[äa]nger(?:[*:_/]?innen)?", r"appell(?:e)?(?:\s+bitte)?\s+an",
                                 r"schreib(?:en|t|e)?(?:\s+sie)?(?:\s+(?:bitte|auch|außerdem|zudem|ebenfalls))*\s+an",
                                 # "Schreiben Sie bitte höflich formulierte Briefe, E-Mails oder Faxe bis zum 18. August
                                 # 2025 an den …": what to write, and by when, between the verb and "an".
                                 r"schreib(?:en|t|e)?(?:\s+sie)?(?:\s+bitte)?(?:\s+[^\W\d_]+){0,3}?\s+"
                                 r"(?:briefe|e-?mails|faxe|appelle)(?:(?:,\s*|\s+(?:oder|und)\s+)"
                                 r"(?:briefe|e-?mails|faxe|appelle))*(?:\s+bis\s+(?:zum\s+)?[^,:;()]{4,24}?)?\s+an",
                                 r"briefe(?:\s+bitte)?\s+an",
                                 # "Bitte senden Sie Ihre Appelle an:", "Schicke deine E-Mails an:".
                                 r"(?:bitte\s+)?(?:send|schick)(?:en|et|e|t)?(?:\s+sie)?(?:\s+bitte)?\s+"
                                 r"(?:(?:ihre|deine|eure)\s+)?(?:appelle|briefe|e-?mails|schreiben|nachrichten)"
                                 r"(?:\s+bitte)?\s+an"),
                       copies_to=(r"(?:und\s+)?kopien?(?:\s+(?:deines|ihres|eures|des)\s+(?:briefe?s|appells?|schreibens))?"
                                  r"(?:\s+bitte)?\s+an",
                                  r"(?:bitte\s+)?send(?:e|en|et)?(?:\s+sie)?(?:\s+bitte)?\s+(?:eine\s+)?kopien?"
                                  r"(?:\s+(?:deines|ihres|eures|des)\s+(?:briefe?s|appells?|schreibens))?\s+an",
                                  r"kopien?(?=\s*:)"),
                       demand_intros=(r"\b(?:forder(?:t|n|e|st)|auf(?:zu)?fordern|appellier(?:t|en|e)|"
                                      r"bitte[nt]?\s+sie)\b[^:]*",
                                      r"\bforderungen\b",
                                      # "… E-Mails oder Briefe, in denen Sie" above "• fordern, …": each item ends
                                      # the relative clause.
                                      r",\s+(?:in\s+denen|worin)\s+(?:sie|du|ihr)",
                                      # "Sie können die folgenden Formulierungen verwenden:"
                                      r"\bfolgenden?\s+(?:formulierungen|forderungen|punkte|argumente)\b[^:]*"),
                       # "Ich bitte Sie, …", "Ich fordere Sie daher auf, …"
                       letter_asks=(r"(?:ich|wir)\s+(?:bitte|bitten|fordere|fordern)\s+sie\b[^,.:]{0,40}?,",),
                       # "Ich fordere Sie auf, …", "Bitte fordern Sie die Behörden auf, …", "Fordere ihn darin auf, …",
                       # "…, E-Mail: …, und fordern Sie ihn auf, …".
                       sentence_asks=(r"(?:und\s+)?(?:bitte\s+)?forder(?:e|n|t|st)\s+[^,.:;!?]{1,60}?\s+auf,\s+",
                                      # "…, in denen Sie die Behörden auffordern, …": the verb whole, in a clause.
                                      r"(?:in\s+denen|worin)\s+(?:sie|du|ihr)\s+[^,.:;!?]{1,60}?\s+auffordern?,\s+"),
                       sentence_ask_joins=(r"und\s+",),
                       # The zu-infinitive: "freizulassen", "sicherzustellen", "zu untersuchen", "fallen zu lassen"
                       # (but not "zu den Akten").
                       sentence_ask_verbs=(r"[^\W\d_]+zu[^\W\d_]+e?n",
                                           r"zu\s+(?!(?:den|einen|allen|seinen|ihren|deren|diesen)\b)[^\W\d_]+e?n"),
                       sentence_ask_clauses=(r"dass", r"damit", r"da", r"weil", r"wenn", r"ob", r"obwohl",
                                             r"so\s*dass", r"bis", r"solange", r"während", r"nachdem", r"bevor",
                                             r"sofern", r"wie", r"wo", r"um", r"ohne", r"welche[rsmn]?"),
                       # The verb's infinitive, capitalised at the item's start, then "Sie" (not "Wenn Sie …").
                       commands=(r"(?!(?:Wenn|Wann|Können|Wollen|Sollten|Dürfen|Müssen)\b)[A-ZÄÖÜ][a-zäöüß]+n\s+Sie\b",),
                       calls_to_act=(r"handeln\s+sie(?:\s+jetzt)?", r"werden\s+sie\s+aktiv", r"werde\s+aktiv",
                                     r"was\s+sie\s+tun\s+k[öo]nnen", r"was\s+du\s+tun\s+kannst", r"handlungsanleitung",
                                     r"so\s+(?:kannst\s+du|k[öo]nnen\s+sie)\s+helfen"),
                       backgrounds=(r"hintergrund(?:informationen?)?", r"weitere\s+hintergr[üu]nde"),
                       model_letters=(r"briefvorschlag", r"musterbrief", r"briefentwurf", r"beispielbrief"),
                       salutation_labels=(r"anrede", r"briefanrede"),
                       salutation_sentences=(r"(?:und\s+)?(?:bitte\s+)?(?:reden|sprechen)\s+sie\s+(?:ihn|sie)\s+(?:mit|als)",
                                             r"(?:bitte\s+)?(?:beginnen|eröffnen)\s+sie\s+ihre?n?\s+(?:briefe?|schreiben"
                                             r"|appelle?|e-?mails?|nachrichte?n?)\s+mit",
                                             r"(?:bitte\s+)?(?:beginne|eröffne)\s+deine?n?\s+(?:briefe?|schreiben"
                                             r"|appelle?|e-?mails?|nachrichte?n?)\s+mit"),
                       email_labels=(r"e-?mail",),
                       address_labels=(r"(?:post)?anschrift", r"adresse"),
                       po_boxes=(r"postfach",),
                       diplomatic_missions=(r"botschaft", r"konsulat", r"generalkonsulat", r"st[äa]ndige\s+vertretung"),
                       state_forms=("republik", "bundesrepublik", "volksrepublik", "königreich", "sultanat", "staat",
                                    "union"),
                       courtesies=(r"danke", r"(?:vielen|herzlichen)\s+dank", r"bitte"),
                       attentions=(r"z\.\s?h(?:d)?\.", r"zu\s+h[äa]nden(?:\s+von)?"),
                       fax_labels=(r"fax", r"telefax"), phone_labels=(r"telefon", r"tel"),
                       reader_words=("du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
                                     "euch", "euer", "eure", "wir", "uns", "unser", "unsere", "unseren", "unserem",
                                     "unserer"),
                       # "I. E. Frau": Ihre Exzellenz, as "S. E. Herrn" is Seine Exzellenz.
                       honorifics=(r"s\.\s?e\.\s+(?:herrn?|frau)", r"s\.\s?e\.", r"i\.\s?e\.\s+frau", r"i\.\s?e\.",
                                   r"(?:seine|ihre)\s+exzellenz(?:\s+(?:herrn?|frau))?", r"herrn?", r"frau", r"dr\.?",
                                   r"prof\.?",
                                   # "Seine Hoheit Scheich …", "S. K. H. Prinz …", "Seine Majestät König …": the
                                   # highness or majesty and the title after it.
                                   r"(?:(?:seine|ihre)\s+(?:königliche\s+)?hoheit|s\.\s?(?:k\.\s?)?h\.|"
                                   r"(?:seine|ihre)\s+majestät|s\.\s?m\.)"
                                   r"(?:\s+(?:scheich(?:a)?|emir|könig(?:in)?|prinz(?:essin)?|sultan))?"),
                       ranks=(r"(?:vize|konter)?admiral", r"general(?:leutnant|major|oberst)", r"brigadegeneral",
                              r"oberst",
                              # A judge's office before the name: "Richter Wassim …", "Richterin …".
                              r"(?:ober|bundes|vorsitzende[rn]?\s+)?richter(?:in)?"),
                       role_joins=(r"der", r"des", r"für"),
                       small_words=tuple("der die das des dem den und oder für mit von vom zu zum zur im in an am "
                                         "auf aus bei ist ein eine einer nicht".split()),
                       nouns_capitalised=True,
                       # "Seite 2 von 3", "Seite 1/2".
                       page_numbers=(r"seite\s*\d{1,3}\s*(?:von|/)\s*\d{1,3}",),
                       page_counts=(r"\d{1,3}\s+von\s+\d{1,3}",)),
                   solidarity="Wir denken an Sie. Menschen auf der ganzen Welt stehen an Ihrer Seite."),
    LetterLanguage("it", "Distinti saluti,", "Gentile Signora, Egregio Signore,", "it", "Latn",
                   sent_via="{name} tramite {org}",
                   solidarity="Non ti dimentichiamo. Persone di tutto il mondo ti pensano e sono al tuo fianco."),
    LetterLanguage("pt", "Atenciosamente,", "Excelentíssimo(a) Senhor(a),", "pt", "Latn", is_sheet_language=True,
                   # An envelope to Angola, Brazil or Mozambique: "Caixa Postal 1243".
                   sheet_words=SheetWords(po_boxes=(r"caixa\s+postal",),
                                          diplomatic_missions=(r"embaixada", r"consulado"),
                                          state_forms=("república", "reino", "estado"))),
    LetterLanguage("nl", "Hoogachtend,", "Geachte heer, mevrouw,", "nl", "Latn",
                   solidarity="We vergeten je niet. Mensen over de hele wereld denken aan je en staan naast je."),
    LetterLanguage("pl", "Z wyrazami szacunku,", "Szanowni Państwo,", "pl", "Latn",
                   sent_via="{name} przez {org}",
                   solidarity="Nie zapominamy o Tobie. Ludzie na całym świecie myślą o Tobie i są z Tobą."),
    LetterLanguage("tr", "Saygılarımla,", "Sayın Yetkili,", "tr", "Latn", sent_via="{name}, {org} aracılığıyla",
                   solidarity=("Yalnız değilsiniz. Dünyanın dört bir yanından insanlar sizi düşünüyor "
                               "ve yanınızda duruyor.")),
    LetterLanguage("tk", "Hormatlamak bilen,", "Hormatly jenap,", "tk", "Latn", sent_via="{name}, {org} arkaly"),
    LetterLanguage("ru", "С уважением,", "Уважаемые господа!", "ru", "Cyrl",
                   salutations=(r"уважаем\w*",),
                   letter_starts=(r"уважаем", r"с\s+уважением"), closings=(r"с\s+уважением",),
                   is_sheet_language=True, sent_via="{name} через {org}",
                   # An envelope in Russian names the official in the dative: "Господину …", "Г-же …".
                   sheet_words=SheetWords(honorifics=(r"г-н(?:у)?", r"г-ж(?:а|е)", r"господин(?:у)?",
                                                      r"госпож(?:а|е)")),
                   solidarity="Мы помним о вас. Люди по всему миру думают о вас и поддерживают вас."),
    LetterLanguage("uk", "З повагою,", "Шановні пані та панове!", "uk", "Cyrl", sent_via="{name} через {org}",
                   solidarity="Ми пам’ятаємо про вас. Люди в усьому світі думають про вас і підтримують вас."),
    LetterLanguage("el", "Με εκτίμηση,", "Αξιότιμε κύριε, αξιότιμη κυρία,", "el", "Grek",
                   sent_via="{name} μέσω {org}",
                   solidarity=("Δεν είστε μόνοι. Άνθρωποι σε όλο τον κόσμο σας σκέφτονται "
                               "και στέκονται στο πλευρό σας.")),
    LetterLanguage("ar", "وتفضلوا بقبول فائق الاحترام والتقدير،", "السيد المحترم، السيدة المحترمة،", "ar",
                   "Arab", is_rtl=True, sent_via="{name} عبر {org}",
                   solidarity="لستم وحدكم. أناسٌ في أنحاء العالم يفكّرون فيكم ويقفون إلى جانبكم."),
    LetterLanguage("fa", "با احترام،", "جناب آقای / سرکار خانم محترم،", "fa", "Arab", is_rtl=True,
                   sent_via="{name} از طریق {org}",
                   solidarity="شما تنها نیستید. مردم در سراسر جهان به یاد شما هستند و در کنارتان ایستاده‌اند."),
    LetterLanguage("he", "בכבוד רב,", "לכבוד,", "he", "Hebr", is_rtl=True, sent_via="{name} באמצעות {org}",
                   solidarity="אינכם לבד. אנשים בכל רחבי העולם חושבים עליכם ועומדים לצדכם."),
    LetterLanguage("hi", "भवदीय,", "माननीय महोदय/महोदया,", "hi", "Deva", sent_via="{name}, {org} के माध्यम से",
                   solidarity="आप अकेले नहीं हैं। दुनिया भर के लोग आपको याद कर रहे हैं और आपके साथ खड़े हैं।"),
    LetterLanguage("th", "ขอแสดงความนับถือ", "เรียน ท่านผู้มีอำนาจ", "th", "Thai", sent_via="{name} ผ่าน {org}"),
    LetterLanguage("zh", "此致敬礼", "尊敬的先生／女士：", "zh_Hans", "Hans", sent_via="{name}（经由{org}）",
                   solidarity="你并不孤单。世界各地的人们都在牵挂你，与你站在一起。"),
    LetterLanguage("ja", "敬具", "拝啓", "ja", "Jpan", sent_via="{name}（{org}経由）",
                   solidarity="あなたは一人ではありません。世界中の人々があなたを思い、あなたとともにいます。"),
    LetterLanguage("ko", "삼가 올림", "존경하는 관계자님께", "ko", "Kore", sent_via="{name} ({org} 경유)",
                   solidarity="당신은 혼자가 아닙니다. 전 세계의 사람들이 당신을 생각하며 당신 곁에 있습니다."),
)}


def letter_language(code: str | None) -> LetterLanguage:
    """The row for a language code ("ru", "pt-BR" → "pt"); English for codes UA Desk does not know."""
    base = (code or "").replace("_", "-").split("-")[0].lower()
    return LANGUAGES.get(base, LANGUAGES["en"])


def date_locale(code: str | None) -> str:
    """The Babel locale a letter in this language writes its date in: the table's, else the code
    itself (Babel knows many more languages than the table), so a date never falls back to English."""
    row = LANGUAGES.get((code or "").replace("_", "-").split("-")[0].lower())
    return row.date_locale if row else (code or "en")


def _display_name(code: str, in_language: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(in_language.replace("-", "_")) or code
    except (UnknownLocaleError, ValueError):
        return code


@lru_cache(maxsize=512)
def letter_language_label(code: str, interface: str = "en") -> str:
    """A letter language as a supporter picks it: its own name, then its name in the page's
    language when that differs ('Русский (Russian)' on an English page, 'English' alone there)."""
    own = _display_name(code, code)
    own = own[:1].upper() + own[1:]  # it starts the option: "Русский", not "русский"
    there = _display_name(code, interface)  # as the page's language writes it mid-sentence
    return own if own.casefold() == there.casefold() else f"{own} ({there})"


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    """Language names → two-letter codes: ISO 639's English names, then every language's name
    as each language of this table writes it ("Russian", "ruso", "russe", "Russisch", "русский"),
    the table's first rows first, so a name means what it means in English where two clash."""
    names: dict[str, str] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code:
            names.setdefault(language.name.casefold(), code)
            names.setdefault(code, code)
    for row in LANGUAGES.values():
        for code, name in Locale.parse(row.date_locale).languages.items():
            if len(code) == 2:
                names.setdefault(name.casefold(), code)
    # Each language's name for itself, as a sheet may give it ("Sesotho", "isiZulu", "Kiswahili", "فارسی"), and
    # the other names sheets use for a language: Farsi and Dari are Persian, Filipino is written as Tagalog,
    # and Māori is named in New Zealand English by its own words for "the language" ('te reo Māori', 'te reo').
    for code in (identifier for identifier in localedata.locale_identifiers() if len(identifier) == 2):
        if own := Locale.parse(code).languages.get(code):
            names.setdefault(own.casefold(), code)
    for name, code in _OTHER_NAMES.items():
        names.setdefault(name, code)
    return names


_OTHER_NAMES = {"farsi": "fa", "dari": "fa", "filipino": "tl",
                "te reo māori": "mi", "te reo maori": "mi", "te reo": "mi"}


def language_code(name: str) -> str | None:
    """'Russian', 'ruso', 'Русский', 'ru' → 'ru'; None for a name no language here goes by."""
    return _codes_by_name().get(name.strip().casefold())


def sheet_languages() -> list[LetterLanguage]:
    """The languages UA sheets arrive in, whose letter lines and month names the importer reads."""
    return [row for row in LANGUAGES.values() if row.is_sheet_language]
