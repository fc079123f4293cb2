"""The words of the demo resource library: 7 subject folders and 34 resources.

Written for this project from the facts in the seed articles (figures, dates, themes); no
sentence is copied. People and organisations named here are fictional. Each folder has a few
paragraphs and points about its subject that its resources' PDFs reuse under their own
headings, so every document is distinct without the text running to a book.

A resource is a dict: slug, title, type, summary, description (HTML), authors, organisation,
published and review dates (ISO), tags, content_note (optional), sections (a document's
headings, one page each; a slide deck's slide headings), pages (optional: each section's own
paragraphs, instead of the folder's), video (a link, for videos, which have no document),
easy_read (optional: the (heading, sentences) of an easy read version) and weight (how
popular it is in the demo's download and preview figures).
"""

CORE_GROUP = "Community of Action core group"
COMMUNITY = "Community of Action"

FOLDERS = [
    {
        "slug": "understanding-trauma",
        "title": "Understanding trauma",
        "members_only": False,
        "summary": "What trauma is, how it shows in people's lives and in services, and the "
        "ideas behind a trauma-informed approach.",
        "intro": "<p>Start here if you are new to trauma-informed care: short guides, the "
        "evidence on childhood adversity, and the principles most frameworks share.</p>",
        "paragraphs": [
            "Trauma is what can happen when an experience, or a run of experiences, overwhelms "
            "a person's ability to cope and leaves them feeling unsafe long after it has ended. "
            "It may follow one event, such as an assault or a serious accident, or build up "
            "over years of neglect, abuse, racism, poverty or war. The same event affects two "
            "people in different ways, and what matters most is how it was lived.",
            "Adverse childhood experiences are highly stressful events in childhood: abuse, "
            "neglect, growing up with domestic abuse or with a parent's mental illness. Surveys "
            "of households in England suggest that nearly half of adults have had at least one. "
            "People who report four or more carry higher risks to their health in later life, "
            "but adversity in childhood is common, and it is not destiny.",
            "When the body's alarm system is set off again and again, it can stay switched on. "
            "People may be watchful, easily startled, numb or quick to anger, and may find it "
            "hard to trust, to sleep or to concentrate. These are understandable ways of "
            "surviving danger rather than flaws of character, and they usually make sense once "
            "we know what has happened.",
            "A trauma-informed approach turns the question 'what is wrong with you?' into 'what "
            "has happened to you?'. It does not ask every member of staff to become a "
            "therapist. It asks everyone in a service to know how common trauma is, to notice "
            "its signs, and to work in ways that help people feel safe enough to take part.",
            "Services can hurt people without meaning to. Restraint, searches, telling a "
            "painful story again to one professional after another, or losing help after a "
            "missed appointment can echo earlier experiences of having no power. Avoiding "
            "re-traumatisation is one of the clearest tests of whether a service is "
            "trauma-informed in practice and not only on paper.",
            "Most frameworks share a short list of principles: safety, trustworthiness, choice, "
            "collaboration and empowerment, with attention to culture, gender and history. They "
            "apply as much to how a receptionist says hello, how a letter is worded and how a "
            "policy is written as to what happens in a clinic room.",
            "Recovery is possible. Relationships in which people are believed, treated with "
            "respect and offered real choices are themselves a source of healing. Specialist "
            "trauma therapies matter as well, and a trauma-informed service helps people reach "
            "them when, and if, they want to.",
        ],
        "points": [
            "Trauma is common, and its effects are understandable ways of surviving",
            "Ask what has happened, not what is wrong",
            "Safety, trust, choice, collaboration and empowerment",
            "Services can re-traumatise without meaning to",
            "Recovery happens in relationships",
            "Everyone in a service has a part to play",
        ],
        "resources": [
            {
                "slug": "what-is-trauma-informed-care",
                "title": "What is trauma-informed care? A short guide",
                "type": "guide",
                "summary": "A plain introduction for anyone new to trauma-informed care, "
                "whatever their role or sector.",
                "description": "<p>Three pages on why trauma matters to every service, the "
                "questions a trauma-informed service asks, and what the five principles look "
                "like on an ordinary working day.</p><p>An easy read version is available.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2020-06-01",
                "review": "2023-06-01",
                "tags": ["introduction", "principles"],
                "sections": [
                    "Why trauma matters to every service",
                    "The questions we ask",
                    "Five principles in everyday work",
                ],
                "easy_read": [
                    (
                        "What trauma is",
                        [
                            "Trauma is when something very frightening or hurtful happens to you.",
                            "It can change how you feel for a long time afterwards.",
                        ],
                    ),
                    (
                        "What staff do",
                        [
                            "Staff understand that trauma is common.",
                            "They ask what has happened to you, not what is wrong with you.",
                        ],
                    ),
                    (
                        "How they help",
                        [
                            "They help you feel safe.",
                            "They give you choices.",
                            "They work with you, not do things to you.",
                        ],
                    ),
                ],
                "weight": 12,
            },
            {
                "slug": "adverse-childhood-experiences-evidence",
                "title": "Adverse childhood experiences: what the evidence does and does not say",
                "type": "report",
                "summary": "A careful reading of the research on childhood adversity, its "
                "links with later health, and the limits of screening.",
                "description": "<p>This report sets out what studies of adverse childhood "
                "experiences have found, why a score is not a prediction for one person, and "
                "what services can do with the evidence.</p>",
                "authors": "Research and evaluation working group",
                "organisation": COMMUNITY,
                "published": "2021-03-15",
                "review": "2024-03-15",
                "tags": ["adverse childhood experiences", "evidence"],
                "content_note": "Childhood abuse and neglect, domestic abuse",
                "sections": [
                    "What counts as an adverse childhood experience",
                    "What the large studies found",
                    "Why a score is not a prediction",
                    "Using the evidence without labelling people",
                    "Questions for your service",
                ],
                "weight": 8,
            },
            {
                "slug": "trauma-informed-framework-for-change",
                "title": "A trauma-informed framework for change (video)",
                "type": "video",
                "summary": "A recorded talk from the community's first national webinar on "
                "what change across a whole system looks like.",
                "description": "<p>Members of the core action group, including an expert by "
                "experience, talk through a framework for change across health, care and "
                "justice services. 38 minutes, with captions.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2020-06-24",
                "review": "2023-06-24",
                "tags": ["introduction", "leadership"],
                "video": "https://www.youtube.com/watch?v=coa-demo-framework",
                "weight": 7,
            },
            {
                "slug": "the-four-rs",
                "title": "The four Rs: realise, recognise, respond, resist re-traumatisation",
                "type": "slides",
                "summary": "Training slides on the four Rs, for team meetings and induction.",
                "description": "<p>A short slide deck to open a team conversation about the "
                "four Rs, ending with a question to plan one change together.</p>",
                "authors": "Training working group",
                "organisation": COMMUNITY,
                "published": "2020-09-10",
                "review": "2023-09-10",
                "tags": ["principles", "training"],
                "sections": [
                    "Realise how common trauma is",
                    "Recognise the signs",
                    "Respond with policy and practice",
                    "Resist re-traumatisation",
                    "What could we change next month?",
                ],
                "weight": 6,
            },
            {
                "slug": "understanding-the-stress-response",
                "title": "Understanding the stress response: a guide for front-line staff",
                "type": "guide",
                "summary": "How fear shows in the body and in behaviour, and how staff can "
                "help someone feel calmer.",
                "description": "<p>For receptionists, support workers, nurses, officers and "
                "anyone who meets people at difficult moments: what happens in the body under "
                "threat and simple ways to lower the temperature.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2021-01-20",
                "review": "2024-01-20",
                "tags": ["stress response", "front-line staff"],
                "sections": [
                    "Fight, flight and freeze",
                    "What you might notice",
                    "Helping someone feel calmer",
                    "Looking after yourself afterwards",
                ],
                "weight": 5,
            },
            {
                "slug": "glossary-of-terms",
                "title": "Glossary of trauma-informed terms",
                "type": "toolkit",
                "summary": "Plain definitions of the words used across trauma-informed "
                "practice, from re-traumatisation to co-production.",
                "description": "<p>A two-page glossary to share with new colleagues and "
                "partners, so that everyone means the same thing by the same words.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2020-11-05",
                "review": "2023-11-05",
                "tags": ["introduction", "glossary"],
                "sections": ["Terms from A to L", "Terms from M to Z"],
                "pages": [
                    [
                        "Adverse childhood experiences (ACEs): highly stressful events in "
                        "childhood, such as abuse, neglect or growing up with domestic abuse.",
                        "Co-production: people who use services and people who provide them "
                        "designing and delivering services together, sharing power.",
                        "Expert by experience: someone whose knowledge comes from living "
                        "through what a service deals with.",
                        "Hypervigilance: being on the lookout for danger all the time; a common "
                        "effect of trauma.",
                        "Lived experience: knowledge that comes from personal experience rather "
                        "than from training or study.",
                    ],
                    [
                        "Re-traumatisation: when something, often in a service, echoes earlier "
                        "trauma and brings its distress back.",
                        "Secondary trauma: distress from hearing about or witnessing other "
                        "people's trauma; common among staff.",
                        "Trauma-informed: working in a way that recognises how common trauma is "
                        "and avoids causing more harm.",
                        "Window of tolerance: the state in which a person can think, feel and "
                        "respond without being overwhelmed or shutting down.",
                    ],
                ],
                "weight": 4,
            },
        ],
    },
    {
        "slug": "trauma-informed-organisations",
        "title": "Trauma-informed organisations",
        "members_only": False,
        "summary": "How teams and whole organisations change their policies, buildings and "
        "leadership to become trauma-informed.",
        "intro": "<p>Reports, toolkits and case studies on changing culture, policy and "
        "leadership, not only training.</p>",
        "paragraphs": [
            "Becoming trauma-informed is a change of culture rather than a training course. "
            "Training raises awareness, but staff go back to the same rotas, forms, buildings "
            "and targets. Change lasts when leaders look at the whole system a person passes "
            "through and ask where it helps them feel safe and where it does not.",
            "A good first step is a walk-through. Staff and people who use the service follow "
            "the route together, from the first phone call to the last appointment, noticing "
            "the waiting area, the signs, the questions asked and who is in the room. Small "
            "changes, such as saying what will happen next, often make a large difference.",
            "Policies deserve the same attention. Rules on missed appointments, lone working, "
            "searches, restraint and complaints can be rewritten with the people they affect. "
            "The question is not only whether a rule is needed, but whether it can be applied "
            "in a way that keeps dignity and choice.",
            "Leadership is the factor most often named by services that have made progress. "
            "Leaders who are curious rather than blaming, who protect time for reflection and "
            "who explain their decisions openly give staff permission to work differently. "
            "Leadership circles and peer coaching help leaders learn from one another.",
            "Progress should be measured, with care. Counting training places is easy; knowing "
            "whether people feel safer is harder. A mix works best: surveys of staff and of "
            "people using the service, complaints, use of restraint, staff sickness, and "
            "stories collected from the people involved.",
            "Organisations rarely change alone. Health, social care, education, housing, the "
            "voluntary sector and justice services meet the same people, so a shared language "
            "and shared training across a local area mean a person meets the same approach "
            "wherever they go.",
            "Change takes years, and honesty about pace helps. Early gains, such as a calmer "
            "waiting room or fewer repeated assessments, keep energy up while the deeper work "
            "on culture continues.",
        ],
        "points": [
            "Culture change, not a training course",
            "Walk the route people take through your service",
            "Rewrite policies with the people they affect",
            "Leaders model curiosity, not blame",
            "Measure what matters to people, not only what is easy",
            "Work across the local system",
        ],
        "resources": [
            {
                "slug": "building-system-capability-summit-report",
                "title": "Building real-world capability for trauma-informed care: summit report",
                "type": "report",
                "summary": "What the national summit of March 2019 agreed, and the work that "
                "has followed across the country.",
                "description": "<p>The summit brought together services, commissioners and "
                "people with lived experience. This report records its conclusions and the "
                "priorities that led to the community of action.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2020-02-20",
                "review": "2023-02-20",
                "tags": ["leadership", "systems"],
                "sections": [
                    "Why a national summit",
                    "What we heard",
                    "Capabilities a system needs",
                    "Priorities for the next two years",
                    "How the community of action began",
                    "Acknowledgements",
                ],
                "weight": 9,
            },
            {
                "slug": "organisational-self-assessment-toolkit",
                "title": "Organisational self-assessment toolkit",
                "type": "toolkit",
                "summary": "Questions and a simple scoring sheet to see where your "
                "organisation is now and choose what to work on first.",
                "description": "<p>Use it with a mixed group: leaders, front-line staff and "
                "people who use your service. Most teams complete it in two sessions.</p>",
                "authors": "Implementation working group",
                "organisation": COMMUNITY,
                "published": "2021-05-12",
                "review": "2024-05-12",
                "tags": ["self-assessment", "planning"],
                "sections": [
                    "How to use this toolkit",
                    "Environment and first contact",
                    "Policies and procedures",
                    "Choosing your priorities",
                ],
                "weight": 8,
            },
            {
                "slug": "walking-the-service",
                "title": "Walking the service: a guide to environmental walk-throughs",
                "type": "guide",
                "summary": "How to walk your service's route with the people who use it, and "
                "what to look for.",
                "description": "<p>A step-by-step guide with a checklist for entrances, "
                "waiting areas, signs, letters and the first conversation.</p>",
                "authors": "Implementation working group",
                "organisation": COMMUNITY,
                "published": "2021-09-01",
                "review": "2024-09-01",
                "tags": ["environment", "co-production"],
                "sections": [
                    "Planning the walk-through",
                    "On the day",
                    "Turning what you saw into changes",
                ],
                "weight": 5,
            },
            {
                "slug": "leadership-circles-launch",
                "title": "Leadership circles: slides from the launch session",
                "type": "slides",
                "summary": "The slides that introduced the leadership circles programme to "
                "its first cohort.",
                "description": "<p>Why leadership came out of the community's evaluation as "
                "the key to implementation, and how the circles work.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2022-01-18",
                "review": "2025-01-18",
                "tags": ["leadership"],
                "sections": [
                    "Why leadership circles",
                    "How a circle works",
                    "What we ask of you",
                    "Dates and next steps",
                ],
                "weight": 4,
            },
            {
                "slug": "rewriting-missed-appointments-policy",
                "title": "Rewriting the missed appointments policy: a case study",
                "type": "case_study",
                "summary": "How a community mental health team replaced automatic discharge "
                "after missed appointments with a conversation.",
                "description": "<p>Northfield Community Mental Health Team (a fictional team "
                "based on several members' experience) describes what it changed and what "
                "happened next.</p>",
                "authors": "Northfield Community Mental Health Team",
                "organisation": "Northfield Mental Health Services (fictional)",
                "published": "2022-06-07",
                "review": "2025-06-07",
                "tags": ["policy", "case study"],
                "sections": [
                    "The problem we set out to solve",
                    "What we changed",
                    "What happened next",
                ],
                "weight": 6,
            },
        ],
    },
    {
        "slug": "workforce-wellbeing",
        "title": "Workforce wellbeing",
        "members_only": False,
        "summary": "Looking after the people who do the work: secondary trauma, supervision, "
        "debriefing and rest.",
        "intro": "<p>Guides and toolkits for staff, teams and managers on staying well while "
        "working with trauma.</p>",
        "paragraphs": [
            "People who hear about trauma every day can be affected by it. Secondary or "
            "vicarious trauma can show as intrusive thoughts, tiredness that sleep does not "
            "mend, cynicism or withdrawal. It is a hazard of the work rather than a weakness, "
            "and employers share the responsibility for it.",
            "Many staff also bring their own experiences of trauma to work. A trauma-informed "
            "employer assumes this without asking anyone to disclose it, and designs "
            "supervision, sickness policies and incident reviews to be fair and kind.",
            "Regular reflective supervision gives people protected time to think about the "
            "emotional side of their work. Group reflective practice, led by a trained "
            "facilitator, helps teams notice patterns and hold difficult cases together rather "
            "than alone.",
            "After a distressing incident a short, structured check-in helps: what happened, "
            "how people are, what they need now and who will follow up. It is offered and "
            "never forced, and it does not ask anyone to go back over the details.",
            "Workload, staffing and surroundings matter as much as personal self-care. Breaks "
            "that are really taken, a quiet room to go to, and rotas that allow recovery after "
            "night shifts show that an organisation means what it says.",
            "Managers need support too. They hold their teams' distress and often have the "
            "least access to supervision themselves. Peer networks for managers and clear "
            "routes to occupational health help them stay well.",
            "Wellbeing offers work best when staff shape them. Asking teams what would help, "
            "and acting on the answer, builds the trust that the rest of a trauma-informed "
            "approach depends on.",
        ],
        "points": [
            "Secondary trauma is a hazard of the work, not a weakness",
            "Protected time for reflective supervision",
            "Check in after incidents; never force a debrief",
            "Breaks, quiet space and fair rotas",
            "Support for managers too",
            "Ask staff what would help, then act",
        ],
        "resources": [
            {
                "slug": "recognising-secondary-trauma",
                "title": "Recognising secondary trauma in yourself and your team",
                "type": "guide",
                "summary": "The signs of secondary trauma, and what individuals, teams and "
                "employers can do about them.",
                "description": "<p>A four-page guide for staff and managers, with questions to "
                "ask yourself and a short list of where to find support.</p>",
                "authors": "Workforce wellbeing working group",
                "organisation": COMMUNITY,
                "published": "2020-10-14",
                "review": "2023-10-14",
                "tags": ["secondary trauma", "wellbeing"],
                "sections": [
                    "What secondary trauma is",
                    "Signs to notice",
                    "What teams can do",
                    "What employers can do",
                ],
                "weight": 9,
            },
            {
                "slug": "reflective-practice-toolkit",
                "title": "Reflective practice groups: a facilitator's toolkit",
                "type": "toolkit",
                "summary": "How to set up and run a reflective practice group, with session "
                "plans and ground rules.",
                "description": "<p>For psychologists, senior practitioners and others who "
                "facilitate groups. Includes a first-session plan and a simple feedback "
                "form.</p>",
                "authors": "Workforce wellbeing working group",
                "organisation": COMMUNITY,
                "published": "2021-02-09",
                "review": "2024-02-09",
                "tags": ["supervision", "reflective practice"],
                "sections": [
                    "Before you start",
                    "Ground rules",
                    "A first session",
                    "Keeping the group going",
                    "Feedback and evaluation",
                ],
                "weight": 7,
            },
            {
                "slug": "after-a-difficult-shift",
                "title": "After a difficult shift: a check-in guide for teams",
                "type": "guide",
                "summary": "A five-minute structure for checking in with colleagues after a "
                "distressing incident.",
                "description": "<p>Print it for the staff room. It fits on two pages and works "
                "at the end of any shift.</p>",
                "authors": "Workforce wellbeing working group",
                "organisation": COMMUNITY,
                "published": "2021-07-22",
                "review": "2024-07-22",
                "tags": ["debriefing", "wellbeing"],
                "sections": ["The five-minute check-in", "Following up"],
                "weight": 8,
            },
            {
                "slug": "looking-after-ourselves",
                "title": "Looking after ourselves while we look after others",
                "type": "slides",
                "summary": "Slides from a members' webinar on staff wellbeing in "
                "trauma-informed services.",
                "description": "<p>The slides from the webinar, with the questions members "
                "asked and the speakers' answers.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2021-11-03",
                "review": "2024-11-03",
                "tags": ["self-care", "wellbeing"],
                "sections": [
                    "Why staff wellbeing is part of trauma-informed care",
                    "What gets in the way",
                    "What helps",
                    "Questions from members",
                ],
                "weight": 5,
            },
            {
                "slug": "wellbeing-rounds-case-study",
                "title": "Introducing wellbeing rounds on an acute ward: a case study",
                "type": "case_study",
                "summary": "How one ward made time each month for staff to talk about the "
                "emotional impact of their work.",
                "description": "<p>Harbourside Hospital (fictional) tells how its wellbeing "
                "rounds started, what they cost and what staff said about them.</p>",
                "authors": "Ward 7 nursing team",
                "organisation": "Harbourside Hospital (fictional)",
                "published": "2022-04-26",
                "review": "2025-04-26",
                "tags": ["nursing", "case study"],
                "sections": [
                    "Where we started",
                    "How the rounds work",
                    "What staff told us",
                ],
                "weight": 4,
            },
        ],
    },
    {
        "slug": "lived-experience-and-co-production",
        "title": "Lived experience and co-production",
        "members_only": True,
        "summary": "Personal narratives shared with the community, and how to work alongside "
        "people with lived experience as equal partners.",
        "intro": "<p>The narratives here were shared with members in confidence: please do "
        "not copy them outside the workspace.</p>",
        "paragraphs": [
            "Co-production means that people who use services and people who provide them "
            "design, deliver and review services together, sharing power from the start. It "
            "differs from consultation, where most decisions have already been made.",
            "The community's core action group includes people with lived experience, and "
            "every webinar has a speaker who is an expert by experience. This is not a "
            "courtesy: people who have been through services see harms and possibilities that "
            "professionals miss.",
            "Taking part should never cost people. Pay a fair rate for their time, cover "
            "travel and caring costs, offer preparation and a debrief, and agree in advance "
            "how their words and images will be used.",
            "Telling your story can be powerful, and it can be draining. Nobody should be "
            "asked to share more than they choose, or to repeat the most painful parts for an "
            "audience. Contributors can change their minds about publication at any time.",
            "Some of the narratives in this folder describe abuse, self-harm and experiences of "
            "services that caused harm. Each has a content note, and you can stop reading at "
            "any point and come back later.",
            "Reading a narrative well means listening for what helped as much as for what "
            "hurt. Writers often name small things: a worker who remembered their name, a door "
            "left open, a choice about where to sit.",
            "Good co-production shows in what changes: rewritten policies, new roles for peer "
            "workers, training designed and delivered by people with lived experience, and "
            "services that keep asking for feedback after the project has ended.",
        ],
        "points": [
            "Share power from the start",
            "Pay people fairly and cover their costs",
            "Nobody has to tell more than they choose",
            "Listen for what helped as well as what hurt",
            "Agree how words and images will be used",
            "Co-production shows in what changes",
        ],
        "resources": [
            {
                "slug": "being-believed",
                "title": "Being believed: a personal narrative",
                "type": "narrative",
                "summary": "A member describes the years before anyone believed them, and the "
                "worker who did.",
                "description": "<p>Shared anonymously by a member of the community, with "
                "their permission to publish it here for members.</p>",
                "authors": "Shared anonymously by a community member",
                "organisation": "",
                "published": "2021-04-19",
                "review": "2026-04-19",
                "tags": ["narrative", "mental health services"],
                "content_note": "Childhood sexual abuse, self-harm, not being believed by "
                "professionals",
                "sections": ["Before", "The worker who listened", "What I would tell services"],
                "pages": [
                    [
                        "For a long time I had no words for what happened to me as a child. "
                        "When I found them, in my twenties, the first two professionals I told "
                        "wrote something down and moved on to the next question. I learned to "
                        "stop telling.",
                        "Over the years I was given several diagnoses. Each described what I "
                        "did, the not sleeping and the anger and the ways I hurt myself, but "
                        "none asked why. Appointments felt like being assessed, not helped.",
                    ],
                    [
                        "Things changed with a community nurse who said, at our third meeting, "
                        "that she believed me and that what happened was not my fault. She "
                        "asked what would make our meetings feel safer. I chose to sit nearest "
                        "the door, and she never forgot.",
                        "She did not rush me to talk about the past. We worked on sleep and on "
                        "getting through bad evenings first. When I was ready for trauma "
                        "therapy she helped with the referral and kept in touch while I waited.",
                    ],
                    [
                        "If I could tell services one thing it would be this: the first "
                        "response matters more than anything after it. Believe people. Ask "
                        "what would help. Remember the small things they tell you, because "
                        "they are rarely small to them.",
                        "I now help to train staff alongside a psychologist. I still choose "
                        "which parts of my story to tell, and that choice is part of my "
                        "recovery.",
                    ],
                ],
                "weight": 5,
            },
            {
                "slug": "what-helped-in-crisis",
                "title": "What helped when I was in crisis",
                "type": "narrative",
                "summary": "A short account of a mental health crisis, and the small things "
                "that made it bearable.",
                "description": "<p>Written by an expert by experience on the core action "
                "group, for members of the community.</p>",
                "authors": "An expert by experience, core action group",
                "organisation": COMMUNITY,
                "published": "2021-10-11",
                "review": "2026-10-11",
                "tags": ["narrative", "crisis care"],
                "content_note": "Suicidal thoughts, mental health crisis, police detention",
                "sections": ["The night it happened", "What helped"],
                "pages": [
                    [
                        "I had not slept properly for a week. One evening I walked out of the "
                        "house without my phone and ended up somewhere I should not have been. "
                        "A passer-by called the police.",
                        "The officer who came sat down on the kerb so that she was not standing "
                        "over me, told me her name and asked mine. She explained each step "
                        "before it happened, including where we were going and why.",
                    ],
                    [
                        "At the hospital a nurse offered me a blanket and a cup of tea before "
                        "any questions, and asked whether I wanted the door open or closed. It "
                        "sounds small. It was the first choice anyone had offered me in days.",
                        "What helped afterwards was the same: people who said what they would "
                        "do and then did it, a crisis plan I wrote myself, and a call on the "
                        "day they said they would ring. I am well now, and I help review crisis "
                        "services where I live.",
                    ],
                ],
                "weight": 4,
            },
            {
                "slug": "paying-experts-by-experience",
                "title": "Paying and supporting experts by experience: a practical guide",
                "type": "guide",
                "summary": "Rates, expenses, benefits advice and support before and after "
                "taking part.",
                "description": "<p>A practical guide for anyone organising involvement, from a "
                "single meeting to a long-term paid role.</p>",
                "authors": "Lived experience advisory panel",
                "organisation": COMMUNITY,
                "published": "2022-03-08",
                "review": "2025-03-08",
                "tags": ["co-production", "payment"],
                "sections": [
                    "Why payment matters",
                    "Rates and expenses",
                    "Before and after taking part",
                    "A checklist for organisers",
                ],
                "weight": 5,
            },
            {
                "slug": "co-producing-training",
                "title": "Co-producing training with people who use services",
                "type": "slides",
                "summary": "How to design and deliver training together with people who have "
                "used services.",
                "description": "<p>Slides from a workshop run by the lived experience "
                "advisory panel and a training lead.</p>",
                "authors": "Lived experience advisory panel",
                "organisation": COMMUNITY,
                "published": "2022-09-14",
                "review": "2025-09-14",
                "tags": ["co-production", "training"],
                "sections": [
                    "Starting together",
                    "Designing the sessions",
                    "Delivering as equals",
                    "Looking after each other",
                ],
                "weight": 4,
            },
            {
                "slug": "lived-experience-leadership-webinar",
                "title": "Lived experience leadership: conversations from a webinar (video)",
                "type": "video",
                "summary": "Three leaders with lived experience talk about power, pay and "
                "being heard.",
                "description": "<p>A recording of the webinar on lived experience leadership, "
                "chaired by an expert by experience. 52 minutes, with captions.</p>",
                "authors": CORE_GROUP,
                "organisation": COMMUNITY,
                "published": "2021-02-25",
                "review": "2024-02-25",
                "tags": ["co-production", "leadership"],
                "video": "https://www.youtube.com/watch?v=coa-demo-leadership",
                "weight": 5,
            },
        ],
    },
    {
        "slug": "children-and-young-people",
        "title": "Children and young people",
        "members_only": False,
        "summary": "Trauma-informed practice with babies, children, young people and their "
        "families, in early years, schools and children's social care.",
        "intro": "<p>Resources for early years, schools, children's social care and youth "
        "work, and information to share with parents and carers.</p>",
        "paragraphs": [
            "The first 1,001 days, from pregnancy to a child's second birthday, shape "
            "development more than any other time. Supporting parents' own wellbeing and the "
            "bond between parent and baby is one of the surest ways to stop trauma passing "
            "from one generation to the next.",
            "Prevention comes first: practical help with food, housing and money, early help "
            "for families under strain, and support for parents with their own histories of "
            "adversity. Where trauma has happened, children need specialist help to recover, "
            "and adults around them who understand.",
            "In school, behaviour is communication. A child who cannot sit still, who runs out "
            "of class or who seems defiant may be frightened. Predictable routines, calm "
            "spaces and trusted adults help children feel safe enough to learn.",
            "Exclusion and restraint can deepen the harm they are meant to address. Schools "
            "that adopt trauma-informed approaches often review their behaviour policies with "
            "pupils and parents, replacing isolation with calming down and putting things "
            "right.",
            "Children's social care teams widely report using trauma-informed practice, but "
            "what this means varies from team to team. A clear shared definition, and links "
            "to therapies with good evidence, help practice deliver what it promises.",
            "Young people should have a say. Involving them in designing services, "
            "interviewing staff and reviewing letters and leaflets builds services they are "
            "more likely to trust and to use.",
            "The professionals around a child need a shared language, so that the school, the "
            "health visitor, the social worker and the youth worker respond in ways that "
            "support one another.",
        ],
        "points": [
            "The first 1,001 days matter most",
            "Prevention and early help come first",
            "Behaviour is communication",
            "Replace isolation with calming down and repair",
            "A shared definition across teams",
            "Young people have a say",
        ],
        "resources": [
            {
                "slug": "trauma-informed-schools-starter-guide",
                "title": "Trauma-informed schools: a starter guide for staff",
                "type": "guide",
                "summary": "What trauma-informed practice means in a classroom, a corridor "
                "and a behaviour policy.",
                "description": "<p>Written with teachers, teaching assistants and a special "
                "educational needs coordinator, for whole-school training days.</p>",
                "authors": "Education working group",
                "organisation": COMMUNITY,
                "published": "2021-08-30",
                "review": "2024-08-30",
                "tags": ["schools", "behaviour"],
                "sections": [
                    "Behaviour as communication",
                    "In the classroom",
                    "Around the school",
                    "Working with families",
                ],
                "weight": 9,
            },
            {
                "slug": "your-child-and-trauma",
                "title": "Your child and trauma: information for parents and carers",
                "type": "guide",
                "summary": "How children may react after something frightening, and how "
                "parents and carers can help.",
                "description": "<p>Written for parents and carers, to give out after a first "
                "appointment. An easy read version is available.</p>",
                "authors": "Education working group",
                "organisation": COMMUNITY,
                "published": "2022-02-15",
                "review": "2025-02-15",
                "tags": ["parents", "families"],
                "content_note": "Childhood trauma, domestic abuse",
                "sections": [
                    "How children may react",
                    "Things that help at home",
                    "When to ask for more help",
                ],
                "easy_read": [
                    (
                        "After something frightening",
                        [
                            "Sometimes frightening things happen to children.",
                            "Afterwards your child may feel scared, sad or angry.",
                            "They may sleep badly or not want to be apart from you.",
                        ],
                    ),
                    (
                        "Things that help",
                        [
                            "Keep the same routines every day.",
                            "Listen when your child wants to talk.",
                        ],
                    ),
                    (
                        "Getting more help",
                        ["Ask your GP or school for help if things do not get better."],
                    ),
                ],
                "weight": 7,
            },
            {
                "slug": "first-1001-days",
                "title": "The first 1,001 days: supporting parents and babies",
                "type": "report",
                "summary": "Why the time from pregnancy to age two matters so much, and what "
                "local services can offer.",
                "description": "<p>A report for commissioners and early years leads, drawing "
                "on national reviews and members' local practice.</p>",
                "authors": "Early years working group",
                "organisation": COMMUNITY,
                "published": "2021-06-03",
                "review": "2024-06-03",
                "tags": ["early years", "perinatal"],
                "sections": [
                    "Why the first 1,001 days",
                    "Parents' own histories",
                    "What local services can offer",
                    "Recommendations",
                    "Further reading",
                ],
                "weight": 5,
            },
            {
                "slug": "rethinking-behaviour-policies",
                "title": "Rethinking behaviour policies: slides for school leaders",
                "type": "slides",
                "summary": "A session for heads and governors on reviewing a behaviour policy "
                "with pupils and parents.",
                "description": "<p>Slides with discussion questions, for a governors' meeting "
                "or a leadership away day.</p>",
                "authors": "Education working group",
                "organisation": COMMUNITY,
                "published": "2022-11-22",
                "review": "2025-11-22",
                "tags": ["schools", "leadership"],
                "sections": [
                    "Why review the policy",
                    "What the evidence says",
                    "Involving pupils and parents",
                    "Alternatives to isolation",
                    "Planning the review",
                ],
                "weight": 4,
            },
            {
                "slug": "young-people-at-risk-of-exploitation",
                "title": "Working with young people at risk of exploitation: a case study",
                "type": "case_study",
                "summary": "How a youth project built trust with young people drawn into "
                "county lines.",
                "description": "<p>Riverside Youth Project (fictional) describes its outreach "
                "work, its partnership with the local youth justice service and what it "
                "learned.</p>",
                "authors": "Riverside Youth Project team",
                "organisation": "Riverside Youth Project (fictional)",
                "published": "2023-01-31",
                "review": "2026-01-31",
                "tags": ["youth work", "exploitation"],
                "content_note": "Criminal exploitation of children, violence, drug use",
                "sections": [
                    "The young people we meet",
                    "Building trust",
                    "Working with partners",
                ],
                "weight": 6,
            },
        ],
    },
    {
        "slug": "justice-and-policing",
        "title": "Justice and policing",
        "members_only": False,
        "summary": "Trauma-informed practice in policing, courts, probation, prisons and "
        "youth justice, and the drug and alcohol services beside them.",
        "intro": "<p>Guides, briefings and case studies for people working in and alongside "
        "the justice system.</p>",
        "paragraphs": [
            "Many people who come into contact with the justice system have lived through "
            "trauma, often from childhood. High rates of childhood adversity are found among "
            "young people in custody, women in prison and people with long histories of drug "
            "and alcohol use.",
            "Arrest, custody, court and prison bring loss of control, searches, noise and "
            "confinement: the conditions most likely to set off trauma responses. Explaining "
            "each step, offering choices where possible and keeping a calm tone reduce both "
            "distress and incidents.",
            "County lines exploitation draws children and vulnerable adults into moving drugs "
            "and money, often through coercion, debt and violence. Seeing the people "
            "exploited as victims first, while still holding them to account, is central to a "
            "trauma-informed response.",
            "National drug strategy now expects treatment services to be trauma-informed. For "
            "many people, using drugs or alcohol began as a way to cope with pain, and "
            "treatment that addresses trauma alongside dependence is more likely to last.",
            "Victims and witnesses need trauma-informed responses too. Being believed, kept "
            "informed and spared from repeating their account many times makes it more likely "
            "that people stay involved with the process.",
            "Staff in justice settings meet violence and distress, often in cultures that "
            "discourage talking about it. Supervision and debriefing matter here as much as "
            "anywhere else.",
            "Partnership between police, probation, health, housing and the voluntary sector "
            "helps people leaving custody find a safe place to live and a person they can "
            "trust: the two things most likely to prevent a return.",
        ],
        "points": [
            "Trauma is common among people in the justice system",
            "Explain each step and offer choices",
            "Victims of exploitation are victims first",
            "Treat trauma alongside dependence",
            "Believe and inform victims and witnesses",
            "A safe home and a trusted person on release",
        ],
        "resources": [
            {
                "slug": "trauma-informed-custody",
                "title": "Trauma-informed custody: practical steps for police officers",
                "type": "guide",
                "summary": "Small changes in how people are booked in, searched and spoken "
                "to that reduce distress in custody.",
                "description": "<p>Written with custody sergeants and people who have been "
                "held in custody. Each section ends with one thing to try this week.</p>",
                "authors": "Justice working group",
                "organisation": COMMUNITY,
                "published": "2021-12-06",
                "review": "2024-12-06",
                "tags": ["policing", "custody"],
                "content_note": "Violence and self-harm in custody",
                "sections": [
                    "Arriving in custody",
                    "Searches and belongings",
                    "Talking and listening",
                    "Release and onward support",
                ],
                "weight": 6,
            },
            {
                "slug": "trauma-and-substance-use",
                "title": "Trauma and substance use: a briefing for treatment services",
                "type": "report",
                "summary": "Why treatment services are asked to be trauma-informed, and what "
                "that means for assessment, groups and staff.",
                "description": "<p>A briefing for managers and commissioners of drug and "
                "alcohol services, in the light of the national drug strategy.</p>",
                "authors": "Justice working group",
                "organisation": COMMUNITY,
                "published": "2022-05-17",
                "review": "2025-05-17",
                "tags": ["substance use", "treatment"],
                "content_note": "Drug and alcohol use, drug-related deaths",
                "sections": [
                    "The policy background",
                    "Trauma and dependence",
                    "Assessment without re-traumatising",
                    "Supporting staff",
                ],
                "weight": 7,
            },
            {
                "slug": "understanding-county-lines",
                "title": "Understanding county lines exploitation",
                "type": "slides",
                "summary": "Training slides on how county lines exploitation works and how "
                "professionals can respond.",
                "description": "<p>For multi-agency training with schools, youth services, "
                "police and health staff.</p>",
                "authors": "Justice working group",
                "organisation": COMMUNITY,
                "published": "2022-10-04",
                "review": "2025-10-04",
                "tags": ["exploitation", "youth justice"],
                "content_note": "Criminal exploitation of children, violence",
                "sections": [
                    "What county lines means",
                    "How young people are drawn in",
                    "Signs professionals may notice",
                    "Responding as a partnership",
                    "Where to get advice",
                ],
                "weight": 5,
            },
            {
                "slug": "resettlement-after-prison",
                "title": "Resettlement after prison: a probation team's case study",
                "type": "case_study",
                "summary": "How a probation team and a housing association worked together "
                "on the first weeks after release.",
                "description": "<p>Eastgate Probation Team (fictional) describes how it "
                "changed the first meeting after release and what followed.</p>",
                "authors": "Eastgate Probation Team",
                "organisation": "Eastgate Probation Service (fictional)",
                "published": "2023-03-21",
                "review": "2026-03-21",
                "tags": ["probation", "housing"],
                "sections": [
                    "The first day out",
                    "Working with housing",
                    "What we would do again",
                ],
                "weight": 3,
            },
        ],
    },
    {
        "slug": "research-and-evaluation",
        "title": "Research and evaluation",
        "members_only": True,
        "summary": "Evaluations of the community and of trauma-informed practice, evidence "
        "reviews and tools for measuring change.",
        "intro": "<p>Evaluation reports, including the community's own, shared with members "
        "before wider publication.</p>",
        "paragraphs": [
            "The use of trauma-informed approaches has grown faster than the evidence about "
            "them. Few programmes have been rigorously evaluated, so their particular benefits "
            "for children, adults and staff remain largely unknown.",
            "Evaluation starts with a clear description of what is being done. Surveys of "
            "local teams find wide variation in what 'trauma-informed' means, which makes it "
            "hard to compare results or to learn what works.",
            "Mixed methods suit this work. Numbers show reach and change over time; interviews, "
            "collected stories and co-produced tools show why change happens and how it feels "
            "to the people involved.",
            "The community commissioned an independent evaluation of its online workspace and "
            "webinars. It found the workspace valued for sharing practice across sectors and "
            "regions, and named leadership as the key to implementation, which led to the "
            "leadership circles.",
            "A consensus exercise run with a university partner asked members to rate and "
            "comment on statements about trauma-informed care. Strong agreement now shapes the "
            "community's guidance; disagreement is marked for further discussion.",
            "People with lived experience should help design evaluations, choose what is "
            "measured and make sense of the results. What matters to professionals is not "
            "always what matters to the people using services.",
            "Findings are shared openly, including what did not work. Honest reporting helps "
            "other services avoid the same mistakes and builds trust in what the community "
            "recommends.",
        ],
        "points": [
            "Practice has grown faster than evidence",
            "Describe clearly what you are doing",
            "Combine numbers and stories",
            "Involve people with lived experience in evaluation",
            "Leadership is the key to implementation",
            "Share what did not work as well as what did",
        ],
        "resources": [
            {
                "slug": "brief-evaluation-of-the-community",
                "title": "Brief evaluation of the community and its online workspace",
                "type": "report",
                "summary": "An independent look at how members use the workspace and "
                "webinars, and what they value.",
                "description": "<p>The evaluation of the community's first nine months, with "
                "its recommendations and the core action group's response.</p>",
                "authors": "Independent evaluation team",
                "organisation": COMMUNITY,
                "published": "2020-12-10",
                "review": "2023-12-10",
                "tags": ["evaluation", "community"],
                "sections": [
                    "Summary",
                    "How we evaluated",
                    "What members told us",
                    "Recommendations",
                    "Our response",
                ],
                "weight": 6,
            },
            {
                "slug": "consensus-exercise-report",
                "title": "Reaching consensus on trauma-informed care: an online exercise",
                "type": "report",
                "summary": "The statements members rated, where they agreed, and where they "
                "did not.",
                "description": "<p>A report of the online consensus exercise run with a "
                "university partner, with every statement and its level of agreement.</p>",
                "authors": "Research and evaluation working group",
                "organisation": COMMUNITY,
                "published": "2021-07-06",
                "review": "2024-07-06",
                "tags": ["consensus", "evaluation"],
                "sections": [
                    "Why a consensus exercise",
                    "How it worked",
                    "Where members agreed",
                    "Where views differed",
                ],
                "weight": 5,
            },
            {
                "slug": "measuring-change-toolkit",
                "title": "Measuring change: an evaluation toolkit for trauma-informed services",
                "type": "toolkit",
                "summary": "Simple measures, survey questions and a plan template for "
                "evaluating local trauma-informed work.",
                "description": "<p>For teams without a research budget: what to measure, how "
                "to involve people with lived experience, and how to report honestly.</p>",
                "authors": "Research and evaluation working group",
                "organisation": COMMUNITY,
                "published": "2022-08-23",
                "review": "2025-08-23",
                "tags": ["measurement", "evaluation"],
                "sections": [
                    "Describing what you do",
                    "Choosing measures",
                    "Collecting stories",
                    "Reporting honestly",
                    "Templates",
                ],
                "weight": 4,
            },
            {
                "slug": "what-the-evidence-tells-us",
                "title": "What the evidence tells us so far",
                "type": "slides",
                "summary": "Slides summarising the research on trauma-informed approaches "
                "for a members' webinar.",
                "description": "<p>A summary of recent evidence reviews, with the gaps that "
                "matter most for practice.</p>",
                "authors": "Research and evaluation working group",
                "organisation": COMMUNITY,
                "published": "2023-05-09",
                "review": "2026-05-09",
                "tags": ["evidence", "research"],
                "sections": [
                    "Where the evidence comes from",
                    "What looks promising",
                    "What we still do not know",
                    "What this means for your service",
                ],
                "weight": 4,
            },
        ],
    },
]

LIBRARY = {
    "title": "Resources",
    "slug": "resources",
    "summary": "Guides, reports, slides, toolkits, personal narratives and case studies from "
    "the community, in seven subject folders.",
    "intro": "<p>Find a resource in a subject folder, read it in your browser, or download "
    "it. Some folders are for signed-in members only.</p>",
}
