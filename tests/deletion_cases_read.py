"""More hand-written deletions for tests/test_trims.py, in our own words: one per kind of error
found reading the fused sentences of clusters nobody had tuned on (issue 26), five or more each."""

READ = [
    # Found reading fused sentences of clusters nobody had tuned on (issue 26): an account
    # the parser joins as a second clause, a negated alternative, a measure, a state, a pair.
    (
        "frame",
        "The drone, which was unarmed, crossed the border at dawn, an army spokesman was quoted as saying on Tuesday.",
        "The drone crossed the border at dawn.",
        "The drone crossed the border at dawn, an army spokesman was quoted as saying on Tuesday.",
    ),
    (
        "frame",
        "The vote, held in the rain, was rigged, an observer was quoted as saying by the agency.",
        "The vote was rigged.",
        "The vote was rigged, an observer was quoted as saying by the agency.",
    ),
    (
        "contrast",
        "The new gates, which cost $2 million, are meant to stop small boats, not tankers.",
        "The new gates are meant to stop small boats.",
        "The new gates are meant to stop small boats, not tankers.",
    ),
    (
        "contrast",
        "The fine, set by a judge in May, applies to the owner rather than the tenant.",
        "The fine applies to the owner.",
        "The fine applies to the owner rather than the tenant.",
    ),
    (
        "contrast",
        "The vaccine, developed in Oxford, protects adults, not children.",
        "The vaccine protects adults.",
        "The vaccine protects adults, not children.",
    ),
    (
        "measure",
        "The pilot, who had flown for years, landed the plane an hour after the engine failed.",
        "The pilot landed the plane an hour.",
        "The pilot landed the plane an hour after the engine failed.",
    ),
    (
        "measure",
        "Police, who had been called by a driver, arrived minutes before the bridge collapsed.",
        "Police arrived minutes.",
        "Police arrived minutes before the bridge collapsed.",
    ),
    (
        "measure",
        "The ferry, which was full, sank two miles from the harbour.",
        "The ferry sank two miles.",
        "The ferry sank two miles from the harbour.",
    ),
    (
        "measure",
        "The singer, a native of Ohio, died a week after she fell at home.",
        "The singer died a week.",
        "The singer died a week after she fell at home.",
    ),
    (
        "measure",
        "The boy, who is nine, woke up hours before his parents did.",
        "The boy woke up hours.",
        "The boy woke up hours before his parents did.",
    ),
    (
        "state",
        "The hiker, who had set out alone, was found three days later, clinging to a ledge.",
        "The hiker was found three days later.",
        "The hiker was found three days later, clinging to a ledge.",
    ),
    (
        "state",
        "Rescuers, working through the night, found the driver trapped under the van.",
        "Rescuers found the driver.",
        "Rescuers found the driver trapped under the van.",
    ),
    (
        "state",
        "The storm, the worst in a decade, left thousands stranded at the airport.",
        "The storm left thousands.",
        "The storm left thousands stranded at the airport.",
    ),
    (
        "state",
        "Neighbours saw the man, a retired teacher, running from the house.",
        "Neighbours saw the man.",
        "Neighbours saw the man running from the house.",
    ),
    (
        "state",
        "The guard, who was on duty, was found dead in the yard.",
        "The guard was found in the yard.",
        "The guard was found dead in the yard.",
    ),
    (
        "coordination",
        "The prize, which is given each spring, went to Tom and Ana Ruiz of Leeds.",
        "The prize went to Ana Ruiz of Leeds.",
        "The prize went to Tom and Ana Ruiz of Leeds.",
    ),
    (
        "coordination",
        "The mayor and her deputy, who arrived late, opened the fair.",
        "Her deputy opened the fair.",
        "The mayor and her deputy opened the fair.",
    ),
    (
        "coordination",
        "The storm hit Cuba and Haiti, the two worst-hit islands, on Sunday.",
        "The storm hit Haiti on Sunday.",
        "The storm hit Cuba and Haiti on Sunday.",
    ),
    (
        "coordination",
        "Doctors treated Ana and Luis Vega, who were both burned, at the scene.",
        "Doctors treated Luis Vega at the scene.",
        "Doctors treated Ana and Luis Vega at the scene.",
    ),
    (
        "coordination",
        "The film, shot in Wales, stars Emma and Tom Reed.",
        "The film stars Tom Reed.",
        "The film stars Emma and Tom Reed.",
    ),
    # A name and its description left after another noun by a cut read as that noun's description.
    (
        "attachment",
        "The driver said he had argued with his brother, who owns the van, Ana Ruiz, a police spokeswoman, said.",
        "The driver said he had argued with his brother, Ana Ruiz, a police spokeswoman, said.",
        "The driver said he had argued with his brother, who owns the van, Ana Ruiz said.",
    ),
    (
        "attachment",
        "The ferry hit the pier, which was closed, Jo Hale, the harbour master, told reporters.",
        "The ferry hit the pier, Jo Hale, the harbour master, told reporters.",
        "The ferry hit the pier, which was closed, Jo Hale told reporters.",
    ),
    (
        "attachment",
        "The boy was rescued by a neighbour, who heard the shouts, Ana Ruiz, the fire chief, said on Monday.",
        "The boy was rescued by a neighbour, Ana Ruiz, the fire chief, said on Monday.",
        "The boy was rescued by a neighbour, who heard the shouts, Ana Ruiz said on Monday.",
    ),
    # A fact of another time without its time reads as the incident's.
    (
        "when",
        "At a hearing in 2013, the driver, who is now 60, said he regretted the crash.",
        "The driver said he regretted the crash.",
        "At a hearing in 2013, the driver said he regretted the crash.",
    ),
    (
        "when",
        "The mill, which employs 40 people, closed in 1998 after a fire.",
        "The mill closed after a fire.",
        "The mill closed in 1998 after a fire.",
    ),
    (
        "when",
        "Two years ago, the mayor, a former nurse, promised a new bridge.",
        "The mayor promised a new bridge.",
        "Two years ago, the mayor promised a new bridge.",
    ),
    (
        "when",
        "Last year the club, which was founded in 1921, sold its ground.",
        "The club sold its ground.",
        "Last year the club sold its ground.",
    ),
    (
        "when",
        "The singer, who lives in Leeds, won the prize in 2009.",
        "The singer won the prize.",
        "The singer won the prize in 2009.",
    ),
    # A "with" phrase's noun is the subject of the participle after it.
    (
        "absolute",
        "The club won the cup, with its captain, who is 19, having scored twice.",
        "The club won the cup, having scored twice.",
        "The club won the cup, with its captain having scored twice.",
    ),
    (
        "absolute",
        "The plane landed safely, with its left engine, which was new, having failed over the sea.",
        "The plane landed safely, having failed over the sea.",
        "The plane landed safely, with its left engine having failed over the sea.",
    ),
    (
        "absolute",
        "The council approved the plan, with the mayor, who had opposed it, having changed her mind.",
        "The council approved the plan, having changed her mind.",
        "The council approved the plan, with the mayor having changed her mind.",
    ),
    (
        "absolute",
        "The storm moved north, with the coast, from Leeds to Hull, being spared the worst.",
        "The storm moved north, being spared the worst.",
        "The storm moved north, with the coast being spared the worst.",
    ),
    (
        "absolute",
        "Police closed the road, with three cars, all of them stolen, having been found burned.",
        "Police closed the road, having been found burned.",
        "Police closed the road, with three cars having been found burned.",
    ),
    # A modifier left when its noun went becomes the thing: "the Leeds area" is not Leeds.
    (
        "attachment",
        "Most of the cheques, which were forged, were cashed in the Leeds area.",
        "Most of the cheques were cashed in Leeds.",
        "Most of the cheques were cashed in the Leeds area.",
    ),
    (
        "attachment",
        "The fire, which began at dawn, destroyed the hospital car park.",
        "The fire destroyed the hospital.",
        "The fire destroyed the hospital car park.",
    ),
    (
        "attachment",
        "Police, who were called at noon, searched the Ruiz family farm.",
        "Police searched the Ruiz family.",
        "Police searched the Ruiz family farm.",
    ),
    (
        "attachment",
        "The storm, the worst in years, flooded the harbour district.",
        "The storm flooded the harbour.",
        "The storm flooded the harbour district.",
    ),
    (
        "attachment",
        "Thieves, who wore masks, robbed the Vigo branch office.",
        "Thieves robbed the Vigo branch.",
        "Thieves robbed the Vigo branch office.",
    ),
    # Found re-reading put-aside clusters (issue 26): an account that closes the sentence after a
    # comma tells who says all of it, though the parser hangs it on the clause a trim drops.
    (
        "frame",
        "The pump failed at noon, flooding the lower deck and forcing the crew ashore, according to the coastguard.",
        "The pump failed at noon.",
        "The pump failed at noon, according to the coastguard.",
    ),
    (
        "frame",
        "The tenant's phone logged a call at 2 a.m., helping detectives trace the caller, according to court filings.",
        "The tenant's phone logged a call at 2 a.m.",
        "The tenant's phone logged a call at 2 a.m., according to court filings.",
    ),
    (
        "frame",
        "The bridge shook for a minute, cracking two supports that engineers later replaced, a city inspector said.",
        "The bridge shook for a minute.",
        "The bridge shook for a minute, a city inspector said.",
    ),
    (
        "frame",
        "Sales fell by a third in March, pushing the bakery close to closing four shops, according to its accounts.",
        "Sales fell by a third in March.",
        "Sales fell by a third in March, according to its accounts.",
    ),
    (
        "frame",
        "The goalkeeper skipped training on Friday, missing the team bus home to Leeds, his agent told reporters.",
        "The goalkeeper skipped training on Friday.",
        "The goalkeeper skipped training on Friday, his agent told reporters.",
    ),
    (
        "frame",
        "The board moved the nurse to night shifts, despite her written complaint, the tribunal papers state.",
        "The board moved the nurse to night shifts.",
        "The board moved the nurse to night shifts, the tribunal papers state.",
    ),
    (
        "frame",
        "The landlord cut the heating in January, over the tenants' protests, the complaint alleges.",
        "The landlord cut the heating in January.",
        "The landlord cut the heating in January, the complaint alleges.",
    ),
]
