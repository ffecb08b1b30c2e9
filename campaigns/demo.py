"""The demo campaign, UA 118/21, built from the facts of the case sheet (seed 004) and later reports.

Always live but in test mode: letters emailed from the demo reach the test recipient, never
the officials whose real addresses appear here.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from extensions import db
from models import (Campaign, CampaignStatus, CaseUpdate, Demand, DemandWording, Greeting, LetterVersion,
                    PersonAtRisk, Target, TargetKind, UpdateKind)
from subscriptions.markdown import render_markdown

UA_NUMBER = "UA 118/21"
# The demo stays open for action: its deadline is set this far from the day it is loaded.
DAYS_TO_ACT = 60

SUMMARY = (
    "Azat Isakov is a Turkmen labour migrant who lived in Russia and has criticised the government of "
    "Turkmenistan openly since 2019, as a member of the opposition movement Turkmenia, Unite! On 20 "
    "October he told a trusted contact that he expected Russian police to arrest him; nobody has heard "
    "from him since. On 9 November the Russian Ministry of Interior answered an inquiry by saying he had "
    "left Russia on 22 October, yet he held no travel documents that would have let him leave on his own. "
    "Since 2020 he and his relatives in Turkmenistan have been threatened repeatedly by officers of the "
    "Ministry of National Security, including with abduction and rape of family members.")

BACKGROUND = """\
Turkmenia, Unite! is an opposition group that criticises the government of Turkmenistan on social media. Its members publish videos on Facebook and YouTube about social problems in the country and call on President Gurbanguly Berdimuhamedov to answer people's needs.

The movement grew louder after the events of 2020: the mass poisoning of Turkmen labour migrants in Turkey in March, and the hurricane that devastated the Lebap region in April.

Azat Isakov's parents, wife and children live in Turkmenistan, and since his activism online they have been threatened by the Ministry of National Security. On 24 July 2020 officials took their phones to look for clues to where he lived in Russia. Two days later a pro-government YouTube channel announced that it knew his Russian address. Threats and demands that he come back to Turkmenistan followed. Fearing persecution, and with his documents stolen, he did not go to the Russian migration services to renew his work status.

Russian police detained him on 15 September and let him go two days later. He disappeared on 20 October, and on 22 October he was reported to be back in Turkmenistan.

Activists of Turkmenia, Unite! said on their YouTube channel that he is held incommunicado by the 6th branch of the Police Department in Turkmenabat, a unit known for prosecuting opposition figures and journalists and for using torture.

Many groups, among them Amnesty International and the UN High Commissioner for Human Rights, have called for an end to this approach, warning that the government's broad counter-insurgency strategy has led to more human rights violations against human rights defenders and political activists across the country."""

DEMANDS = [
    "Disclose urgently what has happened to Azat Isakov and where he is.",
    "If he is held by law enforcement in Turkmenistan, protect him from torture and other ill-treatment, "
    "and give him access to his family and to any medical care he needs.",
    "Release Azat Isakov immediately unless there is enough credible evidence to charge him with an "
    "internationally recognised criminal offence.",
]

TARGETS = [
    dict(kind=TargetKind.primary, position=0, title="President of Turkmenistan", honorific="",
         name="Gurbanguly Berdimuhamedov",
         organisation="The Permanent Mission of Turkmenistan to the United Nations",
         address_lines=["866 UN Plaza, Suite 540"], city="New York", region="NY", postcode="10017",
         country="US", emails=["turkmenistan@un.int", "go.saparov@gmail.com"], fax="+1 212 486 25 21",
         phone="", salutation="Dear President,", language="en"),
    dict(kind=TargetKind.copy, position=0, title="Ambassador of Turkmenistan to the United States",
         honorific="His Excellency", name="Meret Orazov",
         organisation="Embassy of the Republic of Turkmenistan",
         address_lines=["2207 Massachusetts Avenue NW"], city="Washington", region="DC", postcode="20008",
         country="US", emails=["turkmen@mindspring.com"], fax="+1 202 588 0697", phone="+1 202 588 1500",
         salutation="Dear Ambassador,", language="en"),
]

# The letter in each of the officials' preferred languages, complete: subject, body, every demand
# in that language, and a salutation for each official (the closing is the language's own).
LETTERS = {
    "en": dict(
        subject="Azat Isakov ({ua_number})",
        body="""\
I am writing to you about Azat Isakov, a citizen of Turkmenistan who spoke out openly against his government while he was working in Russia. On 20 October 2021 he told someone he trusted that he expected the Russian police to arrest him, and no one has heard from him since. The Russian Ministry of Interior says that he left Russia on 22 October, yet he had no travel documents that would have let him do so. Since 2020, officers of the Ministry of National Security have threatened him and his family in Turkmenistan again and again.

I am deeply worried that he is being held in secret and is in danger of torture. I respectfully ask you to:
{demands}

{personal_message}

Thank you for reading my letter. I will keep following Azat Isakov's case, and I hope to hear soon that he is safe.""",
        demands=DEMANDS,
        salutations=["Dear President,", "Dear Ambassador,"]),
    "ru": dict(
        subject="Азат Исаков ({ua_number})",
        body="""\
Обращаюсь к Вам в связи с судьбой Азата Исакова, гражданина Туркменистана, который, работая в России, открыто критиковал правительство своей страны. 20 октября 2021 года он сообщил близкому человеку, что ожидает ареста российской полицией, и с тех пор о нём ничего не известно. МВД России утверждает, что 22 октября он покинул страну, однако у него не было документов, с которыми он мог бы выехать. С 2020 года сотрудники Министерства национальной безопасности неоднократно угрожали ему и его родным в Туркменистане.

Меня глубоко тревожит, что его тайно удерживают под стражей и ему грозят пытки. Убедительно прошу Вас:
{demands}

{personal_message}

Благодарю Вас за внимание к моему письму. Я буду и дальше следить за судьбой Азата Исакова и надеюсь вскоре узнать, что он в безопасности.""",
        demands=[
            "Безотлагательно сообщить, что произошло с Азатом Исаковым и где он находится.",
            "Если он содержится под стражей в Туркменистане, оградить его от пыток и любого другого жестокого "
            "обращения, а также обеспечить ему связь с семьёй и всю необходимую медицинскую помощь.",
            "Немедленно освободить Азата Исакова, если нет достаточных и достоверных доказательств для того, "
            "чтобы предъявить ему обвинение в деянии, которое признаётся преступлением по международному праву.",
        ],
        salutations=["Уважаемый господин Президент!", "Уважаемый господин Посол!"]),
}

UPDATES = [
    dict(number=1, kind=UpdateKind.further_information, happened_on=date(2021, 11, 9),
         title="Russian Ministry of Interior says Azat Isakov “flew out” from Domodedovo",
         body="""\
On 9 November the Russian Ministry of Interior answered an inquiry about Azat Isakov sent by an activist of the Turkmen protest movement. The reply, signed by a deputy head of the ministry's operative-investigative department, states that he **flew from Domodedovo Airport to Turkmenabat on 22 October 2021**, two days after he went missing.

The letter does not say whether he was made to travel, and suggests asking the Turkmen authorities where he is. Human rights groups point out that he had lost his passport years earlier and that there were no regular flights: he could not have returned of his own accord. A later clarification from the ministry says he had been arrested by the FSB and police for breaking immigration law.

- He had applied for asylum and registered with UNHCR.
- His relatives in Turkmenistan do not know where he is held."""),
    dict(number=2, kind=UpdateKind.action_continues, happened_on=date(2021, 11, 22),
         title="Appeals to the EU before its meeting with Central Asian ministers",
         body="""\
On 21 and 22 November 2021, ahead of the meeting in Dushanbe between the EU's High Representative Josep Borrell and the foreign ministers of the five Central Asian states, Freedom for Eurasia and Human Rights Watch raised Azat Isakov's case and urged the EU to press the Turkmen government to release political prisoners.

Freedom for Eurasia reports that he was abducted from his home in Russia on 20 October 2021 and that, before he went silent, he wrote to a colleague that the police had come and that he was hiding. Human Rights Watch warned that he is at grave risk of torture and called for his immediate release.

**The action continues**: please keep writing to the President of Turkmenistan."""),
]


def load_demo() -> bool:
    """Create UA 118/21 unless it exists; True when something was created. Never commits."""
    if db.session.scalar(select(Campaign.id).where(Campaign.ua_number == UA_NUMBER)) is not None:
        return False
    campaign = Campaign(
        ua_number=UA_NUMBER, slug="ua-118-21", title="Turkmenistan: Opposition activist at risk of torture",
        country="TM", summary=SUMMARY, background=BACKGROUND, status=CampaignStatus.live,
        deadline=date.today() + timedelta(days=DAYS_TO_ACT), preferred_languages=["en", "ru"], goal=5000,
        is_test_mode=True,
        updates_address="urgentaction@amnesty.ca", hourly_email_cap=30,
        published_at=datetime(2021, 11, 12, 9, 0, tzinfo=UTC))
    campaign.people = [PersonAtRisk(position=0, name="Azat Isakov", pronouns="he/him",
                                    description="opposition activist, member of Turkmenia, Unite!")]
    campaign.demands = [Demand(position=i, text=text) for i, text in enumerate(DEMANDS)]
    campaign.targets = [Target(**fields) for fields in TARGETS]
    campaign.versions = [
        LetterVersion(language=language, subject=letter["subject"], body=letter["body"],
                      wordings=[DemandWording(demand=demand, text=text)
                                for demand, text in zip(campaign.demands, letter["demands"], strict=True)],
                      greetings=[Greeting(target=target, salutation=salutation, closing="")
                                 for target, salutation in zip(campaign.ordered_targets, letter["salutations"],
                                                               strict=True)])
        for language, letter in LETTERS.items()]
    db.session.add(campaign)
    db.session.flush()
    for fields in UPDATES:
        body = fields["body"]
        db.session.add(CaseUpdate(
            campaign_id=campaign.id, number=fields["number"], kind=fields["kind"], title=fields["title"],
            body_markdown=body, body_html=render_markdown(body), happened_on=fields["happened_on"],
            published_at=datetime.combine(fields["happened_on"], datetime.min.time(), UTC)))
    return True
