"""Hand-written deletions for tests/test_trims.py, all in our own words: for each rule of
pipeline.stages.deletion_rules.RULES, at least five source sentences, a shorter version the rule
refuses, and a faithful shorter version of the same sentence that every rule lets through."""

from deletion_cases_read import READ

# rule, source, shorter version it refuses, faithful shorter version of the same source
CASES = [
    # who says, claims, believes, alleges, predicts or denies it
    (
        "frame",
        "A neighbour, who asked not to be named, has claimed that the nurse left the ward before midnight.",
        "The nurse left the ward before midnight.",
        "A neighbour has claimed that the nurse left the ward before midnight.",
    ),
    (
        "frame",
        "Police believe the driver, a 40-year-old welder, fell asleep at the wheel.",
        "The driver fell asleep at the wheel.",
        "Police believe the driver fell asleep at the wheel.",
    ),
    (
        "frame",
        "The bridge, which was closed after the storm, will reopen in May, the port authority predicted.",
        "The bridge will reopen in May.",
        "The bridge will reopen in May, the port authority predicted.",
    ),
    (
        "frame",
        "The club, founded in 1921, denied that its coach had paid the referee.",
        "Its coach had paid the referee.",
        "The club denied that its coach had paid the referee.",
    ),
    (
        "frame",
        "According to the prosecutor, the clerk, who worked nights, took the keys.",
        "The clerk took the keys.",
        "According to the prosecutor, the clerk took the keys.",
    ),
    (
        "frame",
        "As the mayor fears, the ferry line, which carries 900 people a day, will close in winter.",
        "The ferry line will close in winter.",
        "As the mayor fears, the ferry line will close in winter.",
    ),
    (
        "frame",
        "Prosecutors allege that the firm, based in Leon, hid the losses from its bank.",
        "The firm hid the losses from its bank.",
        "Prosecutors allege that the firm hid the losses from its bank.",
    ),
    # on what condition
    (
        "condition",
        "The ferry, which was repaired in May, will sail at noon if the fog lifts.",
        "The ferry will sail at noon.",
        "The ferry will sail at noon if the fog lifts.",
    ),
    (
        "condition",
        "Unless the council pays, the mill, which employs 300 people, will close.",
        "The mill, which employs 300 people, will close.",
        "Unless the council pays, the mill will close.",
    ),
    (
        "condition",
        "In case the pump fails, the crew, all of them volunteers, would flood the dock.",
        "The crew would flood the dock.",
        "In case the pump fails, the crew would flood the dock.",
    ),
    (
        "condition",
        "If the talks collapse, the union, led by Ana Ruiz, will strike on Monday.",
        "The union will strike on Monday.",
        "If the talks collapse, the union will strike on Monday.",
    ),
    (
        "condition",
        "Provided the tide is low, divers, who arrived on Monday, will reach the wreck.",
        "Divers will reach the wreck.",
        "Provided the tide is low, divers will reach the wreck.",
    ),
    # the half of a contrast that carries the point
    (
        "contrast",
        "The market, which opened in 1890, will look the same, but the traders will be gone.",
        "The market will look the same.",
        "The market will look the same, but the traders will be gone.",
    ),
    (
        "contrast",
        "Yes, the quay, hit by the storm, is repaired, but the cranes are still broken.",
        "Yes, the quay is repaired.",
        "Yes, the quay is repaired, but the cranes are still broken.",
    ),
    (
        "contrast",
        "The council, meeting in Leon, approved the budget, yet the mayor vetoed it.",
        "The council approved the budget.",
        "The council approved the budget, yet the mayor vetoed it.",
    ),
    (
        "contrast",
        "The firm says the loan is safe, but its auditors, hired last year, disagree.",
        "The firm says the loan is safe.",
        "The firm says the loan is safe, but its auditors disagree.",
    ),
    (
        "contrast",
        "Sales rose in March, but profits, hit by fuel costs, fell by a third.",
        "Sales rose in March.",
        "Sales rose in March, but profits fell by a third.",
    ),
    # who, how many, when, how sure
    (
        "protected",
        "Deputy Mayor Ana Ruiz, who chairs the board, opened the bridge.",
        "Mayor Ana Ruiz opened the bridge.",
        "Deputy Mayor Ana Ruiz opened the bridge.",
    ),
    (
        "protected",
        "Former minister Tom Vale, 61, was charged on Monday.",
        "Minister Tom Vale was charged on Monday.",
        "Former minister Tom Vale was charged on Monday.",
    ),
    (
        "protected",
        "At least 40 people, most of them dockers, were hurt in the fire.",
        "40 people were hurt in the fire.",
        "At least 40 people were hurt in the fire.",
    ),
    (
        "protected",
        "The storm, which hit on Sunday, cut power to up to 200 homes.",
        "The storm cut power to 200 homes.",
        "The storm cut power to up to 200 homes.",
    ),
    (
        "protected",
        "The group initially claimed the attack, which hit a depot in Leon.",
        "The group claimed the attack.",
        "The group initially claimed the attack.",
    ),
    (
        "protected",
        "The clerk allegedly took the keys, which opened the safe.",
        "The clerk took the keys.",
        "The clerk allegedly took the keys.",
    ),
    (
        "protected",
        "In theory, the new lock, built in 2020, stops any boat.",
        "The new lock stops any boat.",
        "In theory, the new lock stops any boat.",
    ),
    # a description stays on the word it described
    (
        "attachment",
        "The driver, who had phoned Tim Hale, the head of the harbour office, was arrested.",
        "The driver, the head of the harbour office, was arrested.",
        "The driver was arrested.",
    ),
    (
        "attachment",
        "The suspect, who had called Ana Ruiz, a nurse at the clinic, surrendered on Friday.",
        "The suspect, a nurse at the clinic, surrendered on Friday.",
        "The suspect surrendered on Friday.",
    ),
    (
        "attachment",
        "The union praised Tom Vale, who had hired Ana Ruiz, the port's new director.",
        "The union praised Tom Vale, the port's new director.",
        "The union praised Tom Vale.",
    ),
    (
        "attachment",
        "Fans cheered the striker, who had been fouled by the goalkeeper, the team's captain.",
        "Fans cheered the striker, the team's captain.",
        "Fans cheered the striker.",
    ),
    (
        "attachment",
        "Voters backed Ana Ruiz, who had replaced Tom Vale, the town's first mayor.",
        "Voters backed Ana Ruiz, the town's first mayor.",
        "Voters backed Ana Ruiz.",
    ),
    (
        "attachment",
        "The fund, based in Leon, lowered its fee to 1 percent, with one trust making the deepest cut, from 2 percent.",
        "The fund lowered its fee to 1 percent from 2 percent.",
        "The fund lowered its fee to 1 percent, with one trust making the deepest cut, from 2 percent.",
    ),
    # a speaker's words stay as said
    (
        "quotation",
        '"When the tide turns, the quay floods," said Ana Ruiz, a harbour pilot.',
        '"The quay floods," said Ana Ruiz.',
        '"When the tide turns, the quay floods," said Ana Ruiz.',
    ),
    (
        "quotation",
        '"We will reopen the line, which lost money for years," said Tom Vale, who runs the operator.',
        '"We will reopen the line," said Tom Vale.',
        '"We will reopen the line, which lost money for years," said Tom Vale.',
    ),
    (
        "quotation",
        '"He (Tom Vale) will not resign," the party said on Monday, after a long meeting.',
        '"He will resign," the party said on Monday.',
        '"He will not resign," the party said on Monday.',
    ),
    (
        "quotation",
        'The mayor, Ana Ruiz, called the plan "a bold, costly and doomed idea".',
        'The mayor called the plan "a bold idea".',
        'The mayor called the plan "a bold, costly and doomed idea".',
    ),
    (
        "quotation",
        '"I am worried because the dock is old," said Tom Vale, who chairs the board.',
        '"I am worried," said Tom Vale.',
        '"I am worried because the dock is old," said Tom Vale.',
    ),
    # an aside is set off by punctuation
    ("bounds", "Hours after the vote, the mayor resigned.", "Hours the mayor resigned.", "The mayor resigned."),
    (
        "bounds",
        "With the storm in mind, the crew stayed ashore.",
        "With the storm the crew stayed ashore.",
        "The crew stayed ashore.",
    ),
    (
        "bounds",
        "Always careful when the press is around, the minister said little.",
        "Always careful the minister said little.",
        "The minister said little.",
    ),
    (
        "bounds",
        "Days before the strike, union leader Ana Ruiz met the owners.",
        "Days union leader Ana Ruiz met the owners.",
        "Union leader Ana Ruiz met the owners.",
    ),
    ("bounds", "Soon after the blast, the port closed.", "Soon the port closed.", "The port closed."),
    # an item of a list
    (
        "series",
        "The plan means raising fares, cutting routes and selling depots, and it starts in May.",
        "The plan means raising fares, and it starts in May.",
        "The plan means raising fares, cutting routes and selling depots.",
    ),
    (
        "series",
        "The port is dredging the channel, widening the quay and hiring pilots, and it expects ships by June.",
        "The port is dredging the channel, and it expects ships by June.",
        "The port is dredging the channel, widening the quay and hiring pilots.",
    ),
    (
        "series",
        "Volunteers cleared the beach, fed the birds and counted the seals, and the council thanked them.",
        "Volunteers cleared the beach, and the council thanked them.",
        "Volunteers cleared the beach, fed the birds and counted the seals.",
    ),
    (
        "series",
        "The storm flooded the station, cut the rail line and closed two schools, and crews worked all night.",
        "The storm flooded the station, and crews worked all night.",
        "The storm flooded the station, cut the rail line and closed two schools.",
    ),
    (
        "series",
        "The mayor thanked the divers, the nurses and the ferry crews, and she promised them a medal.",
        "The mayor thanked the divers, and she promised them a medal.",
        "The mayor thanked the divers, the nurses and the ferry crews.",
    ),
    # an adverb kept without the word it modified ("immediately" of "immediately after the vote")
    (
        "anchored",
        '"We are calm," the mayor said immediately after the council voted him out.',
        '"We are calm," the mayor said immediately.',
        '"We are calm," the mayor said.',
    ),
    (
        "anchored",
        "The mayor, who had served two terms, resigned shortly before the council voted.",
        "The mayor resigned shortly.",
        "The mayor resigned shortly before the council voted.",
    ),
    (
        "anchored",
        "The bridge, which opened in May, closed just before the storm hit the coast.",
        "The bridge closed just.",
        "The bridge closed just before the storm hit the coast.",
    ),
    (
        "anchored",
        "Crews, who came from two towns, arrived long after the fire had spread to the roof.",
        "Crews arrived long.",
        "Crews arrived long after the fire had spread to the roof.",
    ),
    (
        "anchored",
        "The pilot, a former instructor, reported the fault right after take-off, the airline said.",
        "The pilot reported the fault right, the airline said.",
        "The pilot reported the fault right after take-off, the airline said.",
    ),
]
CASES += READ
