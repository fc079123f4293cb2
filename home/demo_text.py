"""The words of the demo site's home, About, accessibility and privacy pages, in English and Welsh.

Each page is written twice with the same structure (the same blocks, paragraphs and list
items in the same order), because wagtail-localize translates it segment by segment: the
Welsh text of each segment is found by its position in the English one. Facts come from the
public seed articles about the national community of action on trauma-informed care.
"""

HOME = {
    "en": {
        "title": "Community of Action",
        "slug": "community-of-action",
        "summary": (
            "A UK community of practice for people making health, social care, education "
            "and justice services trauma-informed."
        ),
        "intro": (
            "<p>Community of Action brings together people across the UK who are making "
            "health, social care, education and justice services trauma-informed: "
            "practitioners, managers, researchers and experts by experience.</p>"
        ),
        "body": [
            ("heading", "What we do"),
            (
                "paragraph",
                "<p>Trauma-informed care starts from knowing that trauma is common, that its "
                "effects can last a lifetime, and that services themselves can cause harm. "
                "Members share what helps organisations recognise the signs of trauma in the "
                "people they serve and in their own staff, build that knowledge into policy "
                "and practice, and avoid re-traumatising anyone.</p>",
            ),
            (
                "paragraph",
                "<ul>"
                "<li>Monthly webinars with national and international speakers, always "
                "including experts by experience.</li>"
                "<li>A library of reports, guides, case studies, videos and personal "
                "narratives, organised in subject folders.</li>"
                "<li>Forums where members ask questions, share practice and carry on the "
                "conversation after each webinar.</li>"
                "<li>Coaching and mentoring for teams putting trauma-informed approaches into "
                "practice.</li>"
                "</ul>",
            ),
            ("heading", "Lived experience at the centre"),
            (
                "paragraph",
                "<p>People with lived experience of trauma and of using services help lead "
                "the community. They sit on the core action group that guides our work, speak "
                "at every webinar and shape the resources we share.</p>",
            ),
        ],
    },
    "cy": {
        "title": "Cymuned Weithredu",
        "slug": "cymuned-weithredu",
        "summary": (
            "Cymuned ymarfer yn y DU i bobl sy'n gwneud gwasanaethau iechyd, gofal "
            "cymdeithasol, addysg a chyfiawnder yn wybodus am drawma."
        ),
        "intro": (
            "<p>Mae Cymuned Weithredu yn dod â phobl ledled y DU ynghyd sy'n gwneud "
            "gwasanaethau iechyd, gofal cymdeithasol, addysg a chyfiawnder yn wybodus am "
            "drawma: ymarferwyr, rheolwyr, ymchwilwyr ac arbenigwyr drwy brofiad.</p>"
        ),
        "body": [
            ("heading", "Beth rydyn ni'n ei wneud"),
            (
                "paragraph",
                "<p>Mae gofal wedi'i lywio gan drawma yn dechrau drwy wybod bod trawma yn "
                "gyffredin, y gall ei effeithiau bara oes, ac y gall gwasanaethau eu hunain "
                "achosi niwed. Mae aelodau'n rhannu'r hyn sy'n helpu sefydliadau i adnabod "
                "arwyddion trawma yn y bobl maen nhw'n eu gwasanaethu ac yn eu staff eu "
                "hunain, i ymgorffori'r wybodaeth honno mewn polisi ac ymarfer, ac i osgoi "
                "ail-drawmateiddio unrhyw un.</p>",
            ),
            (
                "paragraph",
                "<ul>"
                "<li>Gweminarau misol gyda siaradwyr cenedlaethol a rhyngwladol, sydd bob "
                "amser yn cynnwys arbenigwyr drwy brofiad.</li>"
                "<li>Llyfrgell o adroddiadau, canllawiau, astudiaethau achos, fideos a "
                "naratifau personol, wedi'u trefnu mewn ffolderi pwnc.</li>"
                "<li>Fforymau lle mae aelodau'n gofyn cwestiynau, yn rhannu ymarfer ac yn "
                "parhau'r sgwrs ar ôl pob gweminar.</li>"
                "<li>Hyfforddiant a mentora i dimau sy'n rhoi dulliau wedi'u llywio gan "
                "drawma ar waith.</li>"
                "</ul>",
            ),
            ("heading", "Profiad bywyd yn ganolog"),
            (
                "paragraph",
                "<p>Mae pobl sydd â phrofiad bywyd o drawma ac o ddefnyddio gwasanaethau yn "
                "helpu i arwain y gymuned. Maen nhw'n aelodau o'r grŵp gweithredu craidd sy'n "
                "llywio ein gwaith, yn siarad ym mhob gweminar ac yn llunio'r adnoddau rydyn "
                "ni'n eu rhannu.</p>",
            ),
        ],
    },
}

ABOUT = {
    "footer_link": "about",
    "show_in_menus": True,
    "en": {
        "title": "About us",
        "slug": "about",
        "summary": "Who the community is for, how it began and how it is run.",
        "intro": (
            "We are a national community of practice for everyone working to make services "
            "trauma-informed, and for the people those services are for."
        ),
        "body": [
            ("heading", "What trauma-informed care means"),
            (
                "paragraph",
                "<p>Trauma is common. Nearly half of adults in England have had at least one "
                "adverse childhood experience, such as abuse, neglect or living with domestic "
                "abuse, and the effects on health and relationships can last for years. A "
                "trauma-informed service:</p>"
                "<ul>"
                "<li>realises how widespread trauma is and understands the paths to "
                "recovery</li>"
                "<li>recognises the signs of trauma in the people it serves, their families "
                "and its own staff</li>"
                "<li>builds that knowledge into its policies, procedures and everyday "
                "practice</li>"
                "<li>actively avoids re-traumatising anyone</li>"
                "</ul>",
            ),
            ("heading", "How the community began"),
            (
                "paragraph",
                "<p>The community began after a national summit on trauma-informed care in "
                "March 2019. Its online workspace opened in March 2020 and had 635 registered "
                "members by May 2021.</p>",
            ),
            ("heading", "Who runs it"),
            (
                "paragraph",
                "<p>A core action group guides the community's work. It includes people with "
                "lived experience of trauma and of using services, and it is chaired by an "
                "expert by experience. Every webinar includes at least one speaker with lived "
                "experience.</p>",
            ),
            ("heading", "Who can join"),
            (
                "paragraph",
                "<p>Membership is open to people working in health, social care, education, "
                "justice, housing, local government and the voluntary sector, to researchers, "
                "and to experts by experience. An editor from the core action group approves "
                "each new member, so that the members' areas stay a safe place to share "
                "practice.</p>",
            ),
        ],
    },
    "cy": {
        "title": "Amdanom ni",
        "slug": "amdanom-ni",
        "summary": "Ar gyfer pwy mae'r gymuned, sut y dechreuodd a sut mae'n cael ei rhedeg.",
        "intro": (
            "Rydyn ni'n gymuned ymarfer genedlaethol i bawb sy'n gweithio i wneud "
            "gwasanaethau'n wybodus am drawma, ac i'r bobl y mae'r gwasanaethau hynny ar eu "
            "cyfer."
        ),
        "body": [
            ("heading", "Ystyr gofal wedi'i lywio gan drawma"),
            (
                "paragraph",
                "<p>Mae trawma yn gyffredin. Mae bron i hanner yr oedolion yn Lloegr wedi cael "
                "o leiaf un profiad niweidiol yn ystod plentyndod, fel cam-drin, esgeulustod "
                "neu fyw gyda cham-drin domestig, a gall yr effeithiau ar iechyd a "
                "pherthnasoedd bara am flynyddoedd. Mae gwasanaeth sydd wedi'i lywio gan "
                "drawma:</p>"
                "<ul>"
                "<li>yn sylweddoli pa mor eang yw trawma ac yn deall y llwybrau at "
                "adferiad</li>"
                "<li>yn adnabod arwyddion trawma yn y bobl y mae'n eu gwasanaethu, eu "
                "teuluoedd a'i staff ei hun</li>"
                "<li>yn ymgorffori'r wybodaeth honno yn ei bolisïau, ei weithdrefnau a'i "
                "ymarfer bob dydd</li>"
                "<li>yn mynd ati i osgoi ail-drawmateiddio unrhyw un</li>"
                "</ul>",
            ),
            ("heading", "Sut y dechreuodd y gymuned"),
            (
                "paragraph",
                "<p>Dechreuodd y gymuned ar ôl uwchgynhadledd genedlaethol ar ofal wedi'i "
                "lywio gan drawma ym mis Mawrth 2019. Agorodd ei gweithle ar-lein ym mis "
                "Mawrth 2020, ac erbyn mis Mai 2021 roedd ganddo 635 o aelodau "
                "cofrestredig.</p>",
            ),
            ("heading", "Pwy sy'n ei rhedeg"),
            (
                "paragraph",
                "<p>Mae grŵp gweithredu craidd yn llywio gwaith y gymuned. Mae'n cynnwys pobl "
                "sydd â phrofiad bywyd o drawma ac o ddefnyddio gwasanaethau, ac arbenigwr "
                "drwy brofiad sy'n ei gadeirio. Mae pob gweminar yn cynnwys o leiaf un "
                "siaradwr sydd â phrofiad bywyd.</p>",
            ),
            ("heading", "Pwy all ymuno"),
            (
                "paragraph",
                "<p>Mae aelodaeth ar agor i bobl sy'n gweithio ym meysydd iechyd, gofal "
                "cymdeithasol, addysg, cyfiawnder, tai, llywodraeth leol a'r sector "
                "gwirfoddol, i ymchwilwyr, ac i arbenigwyr drwy brofiad. Mae golygydd o'r "
                "grŵp gweithredu craidd yn cymeradwyo pob aelod newydd, fel bod ardaloedd yr "
                "aelodau yn parhau'n lle diogel i rannu ymarfer.</p>",
            ),
        ],
    },
}

ACCESSIBILITY = {
    "footer_link": "accessibility",
    "show_in_menus": False,
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "summary": "How accessible this website is and how to report a problem.",
        "intro": (
            "This statement explains how accessible the Community of Action website is, what "
            "to do if you have a problem using it, and what we are doing to improve it."
        ),
        "body": [
            (
                "paragraph",
                "<p>This website is run by Community of Action. We want as many people as "
                "possible to be able to use it. For example, you should be able to:</p>"
                "<ul>"
                "<li>change colours, contrast levels and fonts using your browser or device "
                "settings</li>"
                "<li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>move around the whole website using just a keyboard or speech "
                "recognition software</li>"
                "<li>listen to the website using a screen reader, including recent versions "
                "of JAWS, NVDA and VoiceOver</li>"
                "<li>read the website in English or Welsh</li>"
                "</ul>"
                "<p>We have also made the text as simple as possible to understand.</p>",
            ),
            ("heading", "Leaving this website quickly"),
            (
                "paragraph",
                "<p>Every page has an Exit this page button at the top. If you select it, or "
                "press the Shift key 3 times, an unrelated website replaces this one straight "
                "away. This does not delete your browsing history: to hide your visit "
                "completely, use a private browsing window or clear your history.</p>",
            ),
            ("heading", "How accessible this website is"),
            (
                "paragraph",
                "<p>We know some parts of this website are not fully accessible:</p>"
                "<ul>"
                "<li>some older PDF documents in the resource library do not work well with "
                "screen reader software</li>"
                "<li>some recordings of past webinars do not yet have accurate captions or "
                "transcripts</li>"
                "</ul>",
            ),
            ("heading", "Feedback and contact information"),
            (
                "paragraph",
                "<p>If you need information on this website in a different format, such as "
                "an accessible PDF, large print, easy read, an audio recording or braille, "
                'email <a href="mailto:accessibility@community-of-action.example">'
                "accessibility@community-of-action.example</a>. We will consider your request "
                "and reply within 10 working days.</p>",
            ),
            ("heading", "Reporting accessibility problems with this website"),
            (
                "paragraph",
                "<p>We are always looking to improve the accessibility of this website. If you "
                "find a problem that is not listed on this page, or you think we are not "
                "meeting accessibility requirements, email the same address and tell us which "
                "page the problem was on.</p>",
            ),
            ("heading", "Enforcement procedure"),
            (
                "paragraph",
                "<p>The Equality and Human Rights Commission (EHRC) is responsible for "
                "enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                "Accessibility Regulations 2018 (the accessibility regulations). If you are "
                "not happy with how we respond to your complaint, contact the Equality "
                "Advisory and Support Service (EASS).</p>",
            ),
            ("heading", "Technical information about this website's accessibility"),
            (
                "paragraph",
                "<p>Community of Action is committed to making its website accessible, in "
                "accordance with the Public Sector Bodies (Websites and Mobile Applications) "
                "(No. 2) Accessibility Regulations 2018.</p>"
                "<p>This website is partially compliant with the Web Content Accessibility "
                "Guidelines (WCAG) version 2.2 AA standard, because of the non-compliances "
                "listed below.</p>",
            ),
            ("heading", "Non-accessible content"),
            (
                "paragraph",
                "<p>Some PDF documents added to the resource library before 2024 are not "
                "tagged for screen readers, and some images in them have no text alternative. "
                "This fails WCAG 2.2 success criteria 1.1.1 (non-text content) and 1.3.1 "
                "(info and relationships). When we add or review a document, we check it and "
                "publish an accessible version or an accessible summary page.</p>"
                "<p>Some recordings of webinars held before 2024 have automatic captions that "
                "contain errors. This fails WCAG 2.2 success criterion 1.2.2 (captions, "
                "prerecorded). We are correcting the captions, starting with the recordings "
                "watched most often.</p>",
            ),
            ("heading", "How we tested this website"),
            (
                "paragraph",
                "<p>We check every page template against WCAG 2.2 AA with automated tests "
                "(axe) whenever the website changes, and by hand with a keyboard, with screen "
                "readers and at 400% zoom. This statement was prepared in November 2026. We "
                "will review it at least once a year.</p>",
            ),
        ],
    },
    "cy": {
        "title": "Datganiad hygyrchedd",
        "slug": "datganiad-hygyrchedd",
        "summary": "Pa mor hygyrch yw'r wefan hon a sut i roi gwybod am broblem.",
        "intro": (
            "Mae'r datganiad hwn yn esbonio pa mor hygyrch yw gwefan Cymuned Weithredu, beth "
            "i'w wneud os cewch chi broblem wrth ei defnyddio, a beth rydyn ni'n ei wneud i'w "
            "gwella."
        ),
        "body": [
            (
                "paragraph",
                "<p>Cymuned Weithredu sy'n rhedeg y wefan hon. Rydyn ni eisiau i gynifer o "
                "bobl â phosibl allu ei defnyddio. Er enghraifft, dylech chi allu:</p>"
                "<ul>"
                "<li>newid lliwiau, lefelau cyferbyniad a ffontiau gan ddefnyddio gosodiadau "
                "eich porwr neu'ch dyfais</li>"
                "<li>chwyddo hyd at 400% heb i'r testun fynd oddi ar y sgrin</li>"
                "<li>symud o gwmpas y wefan gyfan gan ddefnyddio bysellfwrdd yn unig neu "
                "feddalwedd adnabod lleferydd</li>"
                "<li>gwrando ar y wefan gan ddefnyddio darllenydd sgrin, gan gynnwys "
                "fersiynau diweddar o JAWS, NVDA a VoiceOver</li>"
                "<li>darllen y wefan yn Gymraeg neu yn Saesneg</li>"
                "</ul>"
                "<p>Rydyn ni hefyd wedi gwneud y testun mor syml â phosibl i'w ddeall.</p>",
            ),
            ("heading", "Gadael y wefan hon yn gyflym"),
            (
                "paragraph",
                "<p>Mae botwm Gadael y dudalen hon ar frig pob tudalen. Os byddwch chi'n ei "
                "ddewis, neu'n pwyso'r fysell Shift 3 gwaith, bydd gwefan arall nad yw'n "
                "gysylltiedig yn cymryd lle'r wefan hon ar unwaith. Nid yw hyn yn dileu hanes "
                "eich porwr: i guddio'ch ymweliad yn llwyr, defnyddiwch ffenestr bori breifat "
                "neu cliriwch eich hanes.</p>",
            ),
            ("heading", "Pa mor hygyrch yw'r wefan hon"),
            (
                "paragraph",
                "<p>Rydyn ni'n gwybod nad yw rhai rhannau o'r wefan hon yn gwbl hygyrch:</p>"
                "<ul>"
                "<li>nid yw rhai dogfennau PDF hŷn yn y llyfrgell adnoddau yn gweithio'n dda "
                "gyda meddalwedd darllen sgrin</li>"
                "<li>nid oes gan rai recordiadau o weminarau blaenorol gapsiynau na "
                "thrawsgrifiadau cywir eto</li>"
                "</ul>",
            ),
            ("heading", "Adborth a gwybodaeth gyswllt"),
            (
                "paragraph",
                "<p>Os oes angen gwybodaeth ar y wefan hon arnoch chi mewn fformat gwahanol, "
                "fel PDF hygyrch, print bras, fersiwn hawdd ei ddeall, recordiad sain neu "
                'braille, anfonwch e-bost at <a href="mailto:accessibility@community-of-'
                "action.example\">accessibility@community-of-action.example</a>. Byddwn ni'n "
                "ystyried eich cais ac yn ateb o fewn 10 diwrnod gwaith.</p>",
            ),
            ("heading", "Rhoi gwybod am broblemau hygyrchedd gyda'r wefan hon"),
            (
                "paragraph",
                "<p>Rydyn ni bob amser yn ceisio gwella hygyrchedd y wefan hon. Os dewch chi "
                "o hyd i broblem nad yw wedi'i rhestru ar y dudalen hon, neu os ydych chi'n "
                "credu nad ydyn ni'n bodloni'r gofynion hygyrchedd, anfonwch e-bost i'r un "
                "cyfeiriad a dywedwch wrthym ar ba dudalen roedd y broblem.</p>",
            ),
            ("heading", "Y weithdrefn orfodi"),
            (
                "paragraph",
                "<p>Y Comisiwn Cydraddoldeb a Hawliau Dynol sy'n gyfrifol am orfodi "
                "Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni "
                "Symudol) (Rhif 2) 2018 (y rheoliadau hygyrchedd). Os nad ydych chi'n fodlon "
                "â'r ffordd rydyn ni'n ymateb i'ch cwyn, cysylltwch â'r Gwasanaeth Cynghori a "
                "Chymorth Cydraddoldeb (EASS).</p>",
            ),
            ("heading", "Gwybodaeth dechnegol am hygyrchedd y wefan hon"),
            (
                "paragraph",
                "<p>Mae Cymuned Weithredu wedi ymrwymo i wneud ei gwefan yn hygyrch, yn unol â "
                "Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni "
                "Symudol) (Rhif 2) 2018.</p>"
                "<p>Mae'r wefan hon yn cydymffurfio'n rhannol â safon AA fersiwn 2.2 "
                "Canllawiau Hygyrchedd Cynnwys y We (WCAG), oherwydd yr achosion o beidio â "
                "chydymffurfio a restrir isod.</p>",
            ),
            ("heading", "Cynnwys nad yw'n hygyrch"),
            (
                "paragraph",
                "<p>Nid yw rhai dogfennau PDF a ychwanegwyd at y llyfrgell adnoddau cyn 2024 "
                "wedi'u tagio ar gyfer darllenwyr sgrin, ac nid oes testun amgen gan rai "
                "delweddau ynddyn nhw. Mae hyn yn methu meini prawf llwyddiant WCAG 2.2 1.1.1 "
                "(cynnwys nad yw'n destun) ac 1.3.1 (gwybodaeth a pherthnasoedd). Pan fyddwn "
                "ni'n ychwanegu neu'n adolygu dogfen, rydyn ni'n ei gwirio ac yn cyhoeddi "
                "fersiwn hygyrch neu dudalen grynodeb hygyrch.</p>"
                "<p>Mae gan rai recordiadau o weminarau a gynhaliwyd cyn 2024 gapsiynau "
                "awtomatig sy'n cynnwys gwallau. Mae hyn yn methu maen prawf llwyddiant WCAG "
                "2.2 1.2.2 (capsiynau, wedi'u recordio ymlaen llaw). Rydyn ni'n cywiro'r "
                "capsiynau, gan ddechrau gyda'r recordiadau sy'n cael eu gwylio amlaf.</p>",
            ),
            ("heading", "Sut rydyn ni wedi profi'r wefan hon"),
            (
                "paragraph",
                "<p>Rydyn ni'n gwirio pob templed tudalen yn erbyn WCAG 2.2 AA gyda phrofion "
                "awtomatig (axe) bob tro mae'r wefan yn newid, ac â llaw gyda bysellfwrdd, "
                "gyda darllenwyr sgrin ac wrth chwyddo i 400%. Cafodd y datganiad hwn ei "
                "baratoi ym mis Tachwedd 2026. Byddwn ni'n ei adolygu o leiaf unwaith y "
                "flwyddyn.</p>",
            ),
        ],
    },
}

PRIVACY = {
    "footer_link": "privacy",
    "show_in_menus": False,
    "en": {
        "title": "Privacy notice",
        "slug": "privacy-notice",
        "summary": "What we store about you, why, and how to download or delete it.",
        "intro": (
            "This notice explains, in plain words, what personal information Community of "
            "Action keeps about you, why we keep it, and how you can see it, download it or "
            "delete it."
        ),
        "body": [
            ("heading", "If you are only visiting"),
            (
                "paragraph",
                "<p>You can read public pages without an account. We do not use advertising or "
                "tracking cookies, and we do not record your IP address when you read, preview "
                "or download anything. We use only the cookies this website needs to work, for "
                "example to keep you signed in and to protect forms from misuse.</p>",
            ),
            ("heading", "What we store when you join"),
            (
                "paragraph",
                "<ul>"
                "<li>your account: your email address, your name and your password, which we "
                "store only in a scrambled form that nobody can read</li>"
                "<li>your profile: your job role, organisation and sector, whether your "
                "membership is approved and who approved it</li>"
                "<li>what you do as a member: the webinars you register for, what you post in "
                "the forums, reports you make about posts, and the notifications you "
                "choose</li>"
                "<li>a record each time you preview or download a resource: which resource, "
                "when, and your account. We do not store your IP address.</li>"
                "</ul>",
            ),
            ("heading", "Why we store it"),
            (
                "paragraph",
                "<p>We use this information to run the community you asked to join: to make "
                "sure only members can open the members' areas, to send the emails you choose, "
                "to keep discussions safe, and to show editors which resources are useful. "
                "When we report on the community, for example to the people who fund it, we "
                "use totals only, such as the number of downloads in a folder, never "
                "individual names.</p>",
            ),
            ("heading", "Who can see it"),
            (
                "paragraph",
                "<p>Editors in the core action group see your profile when they approve your "
                "membership. Moderators see posts that are reported to them. Other members see "
                "your name, role and organisation next to what you post. We do not sell your "
                "information or share it with advertisers. The companies that host this "
                "website and send its emails handle your information only on our "
                "instructions.</p>",
            ),
            ("heading", "How long we keep it"),
            (
                "paragraph",
                "<p>We keep your account and profile while you are a member. If you delete "
                "your account, we delete your account and profile, and your preview and "
                "download records stop being linked to you: we keep them only as anonymous "
                "totals. Before you confirm, your account page tells you what will happen to "
                "anything you posted in the forums.</p>",
            ),
            ("heading", "Download or delete your information"),
            (
                "paragraph",
                "<p>Sign in and go to Your account. From there you can download a copy of "
                "everything we hold about you, correct your profile, or delete your account. "
                'If you cannot sign in, email <a href="mailto:privacy@community-of-action.'
                'example">privacy@community-of-action.example</a>.</p>',
            ),
            ("heading", "Your rights and how to complain"),
            (
                "paragraph",
                "<p>You have the right to see, correct and delete your personal information, "
                "and to object to how we use it. If you are unhappy with how we have handled "
                "your information, please tell us first. You can also complain to the "
                "Information Commissioner's Office (ICO) at "
                '<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk</a> or on '
                "0303 123 1113.</p>",
            ),
        ],
    },
    "cy": {
        "title": "Hysbysiad preifatrwydd",
        "slug": "hysbysiad-preifatrwydd",
        "summary": (
            "Beth rydyn ni'n ei storio amdanoch chi, pam, a sut i'w lawrlwytho neu ei ddileu."
        ),
        "intro": (
            "Mae'r hysbysiad hwn yn esbonio, mewn geiriau syml, pa wybodaeth bersonol y mae "
            "Cymuned Weithredu yn ei chadw amdanoch chi, pam rydyn ni'n ei chadw, a sut gallwch "
            "chi ei gweld, ei lawrlwytho neu ei dileu."
        ),
        "body": [
            ("heading", "Os mai dim ond ymweld ydych chi"),
            (
                "paragraph",
                "<p>Gallwch chi ddarllen tudalennau cyhoeddus heb gyfrif. Dydyn ni ddim yn "
                "defnyddio cwcis hysbysebu na chwcis tracio, a dydyn ni ddim yn cofnodi eich "
                "cyfeiriad IP pan fyddwch chi'n darllen, yn cael rhagolwg o neu'n lawrlwytho "
                "unrhyw beth. Dim ond y cwcis sydd eu hangen ar y wefan hon i weithio rydyn "
                "ni'n eu defnyddio, er enghraifft i'ch cadw wedi mewngofnodi ac i ddiogelu "
                "ffurflenni rhag camddefnydd.</p>",
            ),
            ("heading", "Beth rydyn ni'n ei storio pan fyddwch chi'n ymuno"),
            (
                "paragraph",
                "<ul>"
                "<li>eich cyfrif: eich cyfeiriad e-bost, eich enw a'ch cyfrinair, rydyn ni'n "
                "ei storio mewn ffurf wedi'i sgramblo yn unig na all neb ei darllen</li>"
                "<li>eich proffil: eich rôl swydd, eich sefydliad a'ch sector, a yw eich "
                "aelodaeth wedi'i chymeradwyo a phwy a'i cymeradwyodd</li>"
                "<li>beth rydych chi'n ei wneud fel aelod: y gweminarau rydych chi'n cofrestru "
                "ar eu cyfer, yr hyn rydych chi'n ei bostio yn y fforymau, adroddiadau rydych "
                "chi'n eu gwneud am negeseuon, a'r hysbysiadau rydych chi'n eu dewis</li>"
                "<li>cofnod bob tro y byddwch chi'n cael rhagolwg o adnodd neu'n ei "
                "lawrlwytho: pa adnodd, pryd, a'ch cyfrif. Dydyn ni ddim yn storio eich "
                "cyfeiriad IP.</li>"
                "</ul>",
            ),
            ("heading", "Pam rydyn ni'n ei storio"),
            (
                "paragraph",
                "<p>Rydyn ni'n defnyddio'r wybodaeth hon i redeg y gymuned y gofynnoch chi am "
                "gael ymuno â hi: i wneud yn siŵr mai dim ond aelodau sy'n gallu agor ardaloedd "
                "yr aelodau, i anfon y negeseuon e-bost rydych chi'n eu dewis, i gadw "
                "trafodaethau'n ddiogel, ac i ddangos i olygyddion pa adnoddau sy'n "
                "ddefnyddiol. Pan fyddwn ni'n adrodd ar y gymuned, er enghraifft i'r bobl sy'n "
                "ei hariannu, rydyn ni'n defnyddio cyfansymiau yn unig, fel nifer y "
                "lawrlwythiadau mewn ffolder, a byth enwau unigolion.</p>",
            ),
            ("heading", "Pwy all ei gweld"),
            (
                "paragraph",
                "<p>Mae golygyddion yn y grŵp gweithredu craidd yn gweld eich proffil pan "
                "fyddan nhw'n cymeradwyo eich aelodaeth. Mae cymedrolwyr yn gweld negeseuon "
                "sy'n cael eu hadrodd iddyn nhw. Mae aelodau eraill yn gweld eich enw, eich "
                "rôl a'ch sefydliad wrth ymyl yr hyn rydych chi'n ei bostio. Dydyn ni ddim yn "
                "gwerthu eich gwybodaeth nac yn ei rhannu â hysbysebwyr. Mae'r cwmnïau sy'n "
                "cynnal y wefan hon ac yn anfon ei negeseuon e-bost yn trin eich gwybodaeth ar "
                "ein cyfarwyddyd ni yn unig.</p>",
            ),
            ("heading", "Am ba hyd rydyn ni'n ei chadw"),
            (
                "paragraph",
                "<p>Rydyn ni'n cadw eich cyfrif a'ch proffil tra byddwch chi'n aelod. Os "
                "byddwch chi'n dileu eich cyfrif, byddwn ni'n dileu eich cyfrif a'ch proffil, "
                "a bydd eich cofnodion rhagolwg a lawrlwytho yn peidio â bod yn gysylltiedig â "
                "chi: rydyn ni'n eu cadw fel cyfansymiau dienw yn unig. Cyn i chi gadarnhau, "
                "bydd tudalen eich cyfrif yn dweud wrthych chi beth fydd yn digwydd i unrhyw "
                "beth y gwnaethoch chi ei bostio yn y fforymau.</p>",
            ),
            ("heading", "Lawrlwytho neu ddileu eich gwybodaeth"),
            (
                "paragraph",
                "<p>Mewngofnodwch ac ewch i Eich cyfrif. O'r fan honno gallwch chi lawrlwytho "
                "copi o bopeth sydd gennym ni amdanoch chi, cywiro eich proffil, neu ddileu "
                "eich cyfrif. Os na allwch chi fewngofnodi, anfonwch e-bost at "
                '<a href="mailto:privacy@community-of-action.example">'
                "privacy@community-of-action.example</a>.</p>",
            ),
            ("heading", "Eich hawliau a sut i gwyno"),
            (
                "paragraph",
                "<p>Mae gennych chi'r hawl i weld, cywiro a dileu eich gwybodaeth bersonol, ac "
                "i wrthwynebu'r ffordd rydyn ni'n ei defnyddio. Os nad ydych chi'n fodlon â'r "
                "ffordd rydyn ni wedi trin eich gwybodaeth, rhowch wybod i ni yn gyntaf. "
                "Gallwch chi hefyd gwyno i Swyddfa'r Comisiynydd Gwybodaeth (ICO) yn "
                '<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk</a> neu ar '
                "0303 123 1113.</p>",
            ),
        ],
    },
}

STANDARD_PAGES = [ABOUT, ACCESSIBILITY, PRIVACY]
