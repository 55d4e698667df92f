/**
 * The words of the demo consultation: what staff wrote (in all eight locales) and what members
 * wrote (each in their own language). No logic beyond assembling Markdown lives here; the
 * generator in ./demo.ts decides who wrote what, when, and how people voted.
 *
 * Drawn from the roundtable "Regional production in action: aligning access and affordability
 * to advance health equity" (World Health Assembly, Geneva, 20 May 2026): see
 * shared/seed-priorities.md.
 */
import type { FlagReason, PriorityCategory, ProductType, StakeholderGroup } from "../schema";

export const demoLocales = ["en", "fr", "pt", "ar", "es", "sw", "zh", "ru"] as const;
export type DemoLocale = (typeof demoLocales)[number];

/** A staff-written text in every locale: the demo never relies on the fallback. */
export type FullText = Readonly<Record<DemoLocale, string>>;

export type CommentStance = "supports" | "concerns" | "question";

// ───────────────────────────── institution and consultation ─────────────────────────────

export const demoInstitution = {
  slug: "ahpa-demo",
  name: {
    en: "African Health Products Agency (demo)",
    fr: "Agence africaine des produits de santé (démo)",
    pt: "Agência Africana de Produtos de Saúde (demo)",
    ar: "الوكالة الأفريقية للمنتجات الصحية (تجريبية)",
    es: "Agencia Africana de Productos Sanitarios (demo)",
    sw: "Wakala wa Bidhaa za Afya wa Afrika (majaribio)",
    zh: "非洲卫生产品署（演示）",
    ru: "Африканское агентство медицинской продукции (демо)",
  },
} as const satisfies { slug: string; name: FullText };

export const demoConsultationText: { title: FullText; summary: FullText; context: FullText } = {
  title: {
    en: "Regional production of health products: what should come first?",
    fr: "Production régionale de produits de santé : par quoi commencer ?",
    pt: "Produção regional de produtos de saúde: o que deve vir primeiro?",
    ar: "الإنتاج الإقليمي للمنتجات الصحية: ما الذي ينبغي أن يأتي أولاً؟",
    es: "Producción regional de productos sanitarios: ¿qué debe ser lo primero?",
    sw: "Uzalishaji wa kikanda wa bidhaa za afya: nini kianze kwanza?",
    zh: "卫生产品的区域生产：应当优先做什么？",
    ru: "Региональное производство медицинской продукции: что должно быть на первом месте?",
  },
  summary: {
    en: "Ten priority actions for making medicines, vaccines and diagnostics in the region — and making sure people can get them. Vote on each, spread your ten points across the ones that matter most to you, and tell us why.",
    fr: "Dix actions prioritaires pour fabriquer des médicaments, des vaccins et des diagnostics dans la région — et garantir que chacun puisse y avoir accès. Votez sur chacune, répartissez vos dix points entre celles qui comptent le plus pour vous, et dites-nous pourquoi.",
    pt: "Dez ações prioritárias para fabricar medicamentos, vacinas e meios de diagnóstico na região — e garantir que as pessoas tenham acesso a eles. Vote em cada uma, distribua os seus dez pontos pelas que mais importam para si e diga-nos porquê.",
    ar: "عشرة إجراءات ذات أولوية لتصنيع الأدوية واللقاحات ووسائل التشخيص في المنطقة، وضمان حصول الناس عليها. صوِّت على كل إجراء، ووزّع نقاطك العشر على ما يهمك أكثر، وأخبرنا بالسبب.",
    es: "Diez acciones prioritarias para fabricar medicamentos, vacunas y pruebas diagnósticas en la región, y garantizar que la gente pueda acceder a ellos. Vote cada una, reparta sus diez puntos entre las que más le importan y cuéntenos por qué.",
    sw: "Hatua kumi za kipaumbele za kutengeneza dawa, chanjo na vipimo vya uchunguzi katika kanda hii — na kuhakikisha watu wanavipata. Piga kura kwa kila hatua, gawa pointi zako kumi kwa zile unazoona ni muhimu zaidi, na utueleze sababu.",
    zh: "在本地区生产药品、疫苗和诊断产品并确保人们能够获得它们的十项优先行动。请对每一项投票，把你的十分分配给你最看重的几项，并告诉我们理由。",
    ru: "Десять приоритетных мер, чтобы производить лекарства, вакцины и средства диагностики в регионе — и чтобы люди могли их получить. Проголосуйте по каждой, распределите свои десять баллов между самыми важными для вас и расскажите, почему.",
  },
  context: {
    en: `Regional production is no longer only an industrial or pandemic-preparedness agenda: it is a public health strategy. Its aim is that people get quality medicines, vaccines and diagnostics quickly, at a price they and their health systems can afford.

Factories alone are not enough. Production needs an ecosystem: research and development, technology transfer, management of intellectual property, financing, procurement, regulation, a skilled workforce, supply chains and markets. Today, markets for local manufacturers are unpredictable, and pooled procurement could aggregate demand. Active pharmaceutical ingredients are barely produced in Africa. And communities are too far from the rooms where these decisions are made.

Manufacturers need viable businesses, governments want resilience and public goods, people want fast access to quality products, and global health actors look for common goods. These ten priorities come from a roundtable held at the World Health Assembly in Geneva on 20 May 2026. Tell us which should come first, and what is missing.`,
    fr: `La production régionale n'est plus seulement un enjeu industriel ou de préparation aux pandémies : c'est une stratégie de santé publique. Son but est que chacun obtienne rapidement des médicaments, des vaccins et des diagnostics de qualité, à un prix abordable pour les personnes comme pour les systèmes de santé.

Les usines seules ne suffisent pas. La production a besoin d'un écosystème : recherche et développement, transfert de technologie, gestion de la propriété intellectuelle, financement, achats, réglementation, main-d'œuvre qualifiée, chaînes d'approvisionnement et marchés. Aujourd'hui, les débouchés des fabricants locaux sont imprévisibles, et des achats groupés pourraient agréger la demande. Les principes actifs pharmaceutiques ne sont presque pas produits en Afrique. Et les communautés restent trop loin des salles où ces décisions se prennent.

Les fabricants ont besoin d'entreprises viables, les gouvernements veulent de la résilience et des biens publics, les populations veulent un accès rapide à des produits de qualité, et les acteurs de la santé mondiale recherchent des biens communs. Ces dix priorités sont issues d'une table ronde tenue à l'Assemblée mondiale de la Santé, à Genève, le 20 mai 2026. Dites-nous lesquelles doivent passer en premier, et ce qui manque.`,
    pt: `A produção regional já não é apenas uma agenda industrial ou de preparação para pandemias: é uma estratégia de saúde pública. O seu objetivo é que as pessoas obtenham medicamentos, vacinas e meios de diagnóstico de qualidade, rapidamente e a um preço que elas e os seus sistemas de saúde possam pagar.

As fábricas, por si só, não bastam. A produção precisa de um ecossistema: investigação e desenvolvimento, transferência de tecnologia, gestão da propriedade intelectual, financiamento, aquisições, regulação, mão de obra qualificada, cadeias de abastecimento e mercados. Hoje, os mercados dos fabricantes locais são imprevisíveis, e a aquisição conjunta poderia agregar a procura. Os princípios ativos farmacêuticos quase não são produzidos em África. E as comunidades estão demasiado longe das salas onde estas decisões são tomadas.

Os fabricantes precisam de negócios viáveis, os governos querem resiliência e bens públicos, as pessoas querem acesso rápido a produtos de qualidade e os atores da saúde global procuram bens comuns. Estas dez prioridades resultam de uma mesa-redonda realizada na Assembleia Mundial da Saúde, em Genebra, a 20 de maio de 2026. Diga-nos quais devem vir primeiro e o que falta.`,
    ar: `لم يعد الإنتاج الإقليمي مجرد أجندة صناعية أو أجندة للتأهب للجوائح، بل أصبح استراتيجية للصحة العامة. وغايته أن يحصل الناس بسرعة على أدوية ولقاحات ووسائل تشخيص جيدة، وبأسعار في متناولهم ومتناول نظمهم الصحية.

المصانع وحدها لا تكفي. فالإنتاج يحتاج إلى منظومة متكاملة: البحث والتطوير، ونقل التكنولوجيا، وإدارة الملكية الفكرية، والتمويل، والمشتريات، والتنظيم، والقوى العاملة الماهرة، وسلاسل الإمداد، والأسواق. واليوم لا يمكن التنبؤ بأسواق المصنّعين المحليين، ويمكن للشراء المجمّع أن يوحّد الطلب. أما المكونات الصيدلانية الفعالة فلا تكاد تُنتَج في أفريقيا. والمجتمعات المحلية بعيدة جداً عن القاعات التي تُتخذ فيها هذه القرارات.

يحتاج المصنّعون إلى أعمال مجدية اقتصادياً، وتريد الحكومات القدرة على الصمود والمنافع العامة، ويريد الناس الحصول السريع على منتجات جيدة، وتبحث الجهات الفاعلة في الصحة العالمية عن المنافع المشتركة. وقد انبثقت هذه الأولويات العشر عن مائدة مستديرة عُقدت خلال جمعية الصحة العالمية في جنيف في 20 أيار/مايو 2026. أخبرنا بما ينبغي أن يأتي أولاً، وبما ينقص.`,
    es: `La producción regional ya no es solo una agenda industrial o de preparación ante pandemias: es una estrategia de salud pública. Su objetivo es que las personas obtengan rápidamente medicamentos, vacunas y pruebas diagnósticas de calidad, a un precio que ellas y sus sistemas de salud puedan pagar.

Las fábricas por sí solas no bastan. La producción necesita un ecosistema: investigación y desarrollo, transferencia de tecnología, gestión de la propiedad intelectual, financiación, compras, regulación, personal cualificado, cadenas de suministro y mercados. Hoy los mercados de los fabricantes locales son imprevisibles, y las compras conjuntas podrían agregar la demanda. Los principios activos farmacéuticos apenas se producen en África. Y las comunidades están demasiado lejos de las salas donde se toman estas decisiones.

Los fabricantes necesitan negocios viables, los gobiernos quieren resiliencia y bienes públicos, la población quiere acceso rápido a productos de calidad y los actores de la salud mundial buscan bienes comunes. Estas diez prioridades proceden de una mesa redonda celebrada en la Asamblea Mundial de la Salud, en Ginebra, el 20 de mayo de 2026. Díganos cuáles deben ir primero y qué falta.`,
    sw: `Uzalishaji wa kikanda si tena ajenda ya viwanda au ya kujiandaa dhidi ya milipuko pekee: ni mkakati wa afya ya umma. Lengo lake ni watu kupata dawa, chanjo na vipimo bora kwa haraka, kwa bei ambayo wao na mifumo yao ya afya wanaweza kumudu.

Viwanda peke yake havitoshi. Uzalishaji unahitaji mfumo mzima: utafiti na maendeleo, uhamishaji wa teknolojia, usimamizi wa haki miliki, fedha, ununuzi, udhibiti, wafanyakazi wenye ujuzi, minyororo ya ugavi na masoko. Leo masoko ya watengenezaji wa ndani hayatabiriki, na ununuzi wa pamoja ungeweza kuunganisha mahitaji. Viambato hai vya dawa karibu havizalishwi kabisa barani Afrika. Na jamii ziko mbali mno na vyumba ambamo maamuzi haya hufanywa.

Watengenezaji wanahitaji biashara endelevu, serikali zinataka ustahimilivu na manufaa ya umma, wananchi wanataka kupata bidhaa bora kwa haraka, na wadau wa afya duniani wanatafuta manufaa ya pamoja. Vipaumbele hivi kumi vimetokana na mjadala wa meza ya duara uliofanyika wakati wa Mkutano Mkuu wa Afya Duniani mjini Geneva tarehe 20 Mei 2026. Tuambie kipi kianze kwanza, na nini kinakosekana.`,
    zh: `区域生产已不再只是工业议程或大流行防范议程，而是一项公共卫生战略。其目标是让人们迅速获得优质的药品、疫苗和诊断产品，而且价格是个人和卫生系统都负担得起的。

仅有工厂是不够的。生产需要一个完整的生态系统：研发、技术转让、知识产权管理、融资、采购、监管、熟练劳动力、供应链和市场。目前，本地制造商面对的市场难以预测，而联合采购可以汇集需求。非洲几乎不生产原料药。社区离做出这些决定的会议室也太远。

制造商需要可持续经营，政府希望增强韧性并提供公共产品，民众希望尽快获得优质产品，全球卫生行为体则寻求共同利益。这十项优先事项来自2026年5月20日在日内瓦世界卫生大会期间举行的一次圆桌会议。请告诉我们哪些应当优先，还缺少什么。`,
    ru: `Региональное производство — это уже не только промышленная повестка или подготовка к пандемиям, а стратегия общественного здравоохранения. Её цель — чтобы люди быстро получали качественные лекарства, вакцины и средства диагностики по цене, доступной и им самим, и их системам здравоохранения.

Одних заводов недостаточно. Производству нужна экосистема: исследования и разработки, передача технологий, управление интеллектуальной собственностью, финансирование, закупки, регулирование, квалифицированные кадры, цепочки поставок и рынки. Сегодня рынки сбыта для местных производителей непредсказуемы, а объединённые закупки могли бы агрегировать спрос. Активные фармацевтические субстанции в Африке почти не производятся. А сообщества слишком далеки от залов, где принимаются эти решения.

Производителям нужна жизнеспособная бизнес-модель, правительства стремятся к устойчивости и общественным благам, люди хотят быстрого доступа к качественной продукции, а участники глобального здравоохранения ищут общие блага. Эти десять приоритетов сформулированы на круглом столе, проведённом во время Всемирной ассамблеи здравоохранения в Женеве 20 мая 2026 года. Расскажите, что должно быть первым и чего не хватает.`,
  },
};

// ───────────────────────────── the ten priorities ─────────────────────────────

export interface DemoPriorityText {
  category: PriorityCategory;
  productType: ProductType | null;
  title: FullText;
  body: FullText;
}

/** In display order: position n is `demoPriorities[n - 1]`. */
export const demoPriorities: readonly DemoPriorityText[] = [
  {
    category: "pooled-procurement",
    productType: null,
    title: {
      en: "Strengthen regional cooperation, pooled procurement and market shaping",
      fr: "Renforcer la coopération régionale, les achats groupés et l'orientation des marchés",
      pt: "Reforçar a cooperação regional, a aquisição conjunta e a estruturação dos mercados",
      ar: "تعزيز التعاون الإقليمي والشراء المجمّع وتشكيل الأسواق",
      es: "Reforzar la cooperación regional, las compras conjuntas y la configuración de mercados",
      sw: "Kuimarisha ushirikiano wa kikanda, ununuzi wa pamoja na uundaji wa masoko",
      zh: "加强区域合作、联合采购和市场塑造",
      ru: "Укреплять региональное сотрудничество, объединённые закупки и формирование рынков",
    },
    body: {
      en: "Buy together across countries and shape markets so that demand is predictable for manufacturers and products are affordable for health systems. Pooled orders, shared forecasts and multi-year contracts give regional producers a reason to invest.",
      fr: "Acheter ensemble, entre pays, et orienter les marchés pour que la demande soit prévisible pour les fabricants et les produits abordables pour les systèmes de santé. Des commandes groupées, des prévisions partagées et des contrats pluriannuels donnent aux producteurs régionaux une raison d'investir.",
      pt: "Comprar em conjunto entre países e estruturar os mercados para que a procura seja previsível para os fabricantes e os produtos sejam acessíveis para os sistemas de saúde. Encomendas conjuntas, previsões partilhadas e contratos plurianuais dão aos produtores regionais uma razão para investir.",
      ar: "الشراء المشترك بين البلدان وتشكيل الأسواق بحيث يصبح الطلب قابلاً للتنبؤ بالنسبة إلى المصنّعين وتصبح المنتجات ميسورة التكلفة بالنسبة إلى النظم الصحية. فالطلبيات المجمّعة والتوقعات المشتركة والعقود المتعددة السنوات تمنح المنتجين الإقليميين سبباً للاستثمار.",
      es: "Comprar de forma conjunta entre países y configurar los mercados para que la demanda sea previsible para los fabricantes y los productos sean asequibles para los sistemas de salud. Los pedidos agrupados, las previsiones compartidas y los contratos plurianuales dan a los productores regionales un motivo para invertir.",
      sw: "Kununua kwa pamoja kati ya nchi na kuunda masoko ili mahitaji yatabirike kwa watengenezaji na bidhaa ziwe nafuu kwa mifumo ya afya. Oda za pamoja, makadirio ya mahitaji yanayoshirikiwa na mikataba ya miaka kadhaa huwapa wazalishaji wa kikanda sababu ya kuwekeza.",
      zh: "各国联合采购并塑造市场，使制造商面对可预测的需求，使卫生系统能够负担得起产品。集中订单、共享需求预测和多年期合同，能给区域生产商投资的理由。",
      ru: "Закупать совместно несколькими странами и формировать рынки так, чтобы спрос был предсказуемым для производителей, а продукция — доступной по цене для систем здравоохранения. Объединённые заказы, общие прогнозы и многолетние контракты дают региональным производителям повод инвестировать.",
    },
  },
  {
    category: "needs-aligned",
    productType: "ncd-medicines",
    title: {
      en: "Align manufacturing investment with public health priorities",
      fr: "Aligner les investissements industriels sur les priorités de santé publique",
      pt: "Alinhar o investimento na produção com as prioridades de saúde pública",
      ar: "مواءمة الاستثمار في التصنيع مع أولويات الصحة العامة",
      es: "Alinear la inversión en fabricación con las prioridades de salud pública",
      sw: "Kuoanisha uwekezaji katika utengenezaji na vipaumbele vya afya ya umma",
      zh: "使生产投资与公共卫生优先事项保持一致",
      ru: "Согласовать инвестиции в производство с приоритетами общественного здравоохранения",
    },
    body: {
      en: "Direct investment to the products that the region's disease burden calls for — including medicines for noncommunicable diseases such as diabetes and hypertension — so that production improves access directly, rather than following only what is most profitable.",
      fr: "Orienter les investissements vers les produits qu'appelle la charge de morbidité de la région — y compris les médicaments contre les maladies non transmissibles comme le diabète et l'hypertension — afin que la production améliore directement l'accès, au lieu de suivre seulement ce qui rapporte le plus.",
      pt: "Orientar o investimento para os produtos de que a carga de doença da região necessita — incluindo medicamentos para doenças não transmissíveis, como a diabetes e a hipertensão — para que a produção melhore diretamente o acesso, em vez de seguir apenas o que é mais lucrativo.",
      ar: "توجيه الاستثمار نحو المنتجات التي يستدعيها عبء المرض في المنطقة — بما فيها أدوية الأمراض غير السارية مثل السكري وارتفاع ضغط الدم — حتى يحسّن الإنتاج الحصول على العلاج مباشرة، بدلاً من الاقتصار على ما يدرّ أكبر ربح.",
      es: "Dirigir la inversión hacia los productos que exige la carga de enfermedad de la región —incluidos los medicamentos para enfermedades no transmisibles como la diabetes y la hipertensión— para que la producción mejore directamente el acceso, en lugar de seguir solo lo más rentable.",
      sw: "Kuelekeza uwekezaji kwenye bidhaa zinazohitajika kutokana na mzigo wa magonjwa katika kanda — ikiwemo dawa za magonjwa yasiyoambukiza kama kisukari na shinikizo la damu — ili uzalishaji uboreshe upatikanaji moja kwa moja, badala ya kufuata tu kile chenye faida kubwa zaidi.",
      zh: "将投资引向本地区疾病负担所需要的产品，包括糖尿病、高血压等非传染性疾病的药物，使生产直接改善可及性，而不是只追逐利润最高的产品。",
      ru: "Направлять инвестиции в ту продукцию, которой требует бремя болезней в регионе, — в том числе в лекарства от неинфекционных заболеваний, таких как диабет и гипертония, — чтобы производство напрямую улучшало доступ, а не следовало лишь за наибольшей прибылью.",
    },
  },
  {
    category: "innovation-capacity",
    productType: null,
    title: {
      en: "Invest in R&D, education, innovation systems and institutions",
      fr: "Investir dans la R&D, l'éducation, les systèmes d'innovation et les institutions",
      pt: "Investir em I&D, educação, sistemas de inovação e instituições",
      ar: "الاستثمار في البحث والتطوير والتعليم ونظم الابتكار والمؤسسات",
      es: "Invertir en I+D, educación, sistemas de innovación e instituciones",
      sw: "Kuwekeza katika utafiti na maendeleo, elimu, mifumo ya ubunifu na taasisi",
      zh: "投资于研发、教育、创新体系和机构",
      ru: "Инвестировать в НИОКР, образование, инновационные системы и институты",
    },
    body: {
      en: "Fund research, universities, training and the institutions that hold them together, so that knowledge and technology are locally owned and the region can develop products, not only make them.",
      fr: "Financer la recherche, les universités, la formation et les institutions qui les relient, afin que les connaissances et les technologies appartiennent à la région et qu'elle puisse concevoir des produits, pas seulement les fabriquer.",
      pt: "Financiar a investigação, as universidades, a formação e as instituições que as articulam, para que o conhecimento e a tecnologia sejam de propriedade local e a região possa desenvolver produtos, e não apenas fabricá-los.",
      ar: "تمويل البحث والجامعات والتدريب والمؤسسات التي تربط بينها، حتى تكون المعرفة والتكنولوجيا مملوكة محلياً وتتمكن المنطقة من تطوير المنتجات لا تصنيعها فحسب.",
      es: "Financiar la investigación, las universidades, la formación y las instituciones que las articulan, para que el conocimiento y la tecnología sean de propiedad local y la región pueda desarrollar productos, no solo fabricarlos.",
      sw: "Kufadhili utafiti, vyuo vikuu, mafunzo na taasisi zinazoviunganisha, ili maarifa na teknolojia vimilikiwe ndani ya kanda, na kanda iweze kubuni bidhaa, si kuzitengeneza tu.",
      zh: "资助研究、大学、培训以及把它们联系在一起的机构，使知识和技术为本地所有，使本地区不仅能制造产品，还能开发产品。",
      ru: "Финансировать исследования, университеты, подготовку кадров и институты, которые их объединяют, чтобы знания и технологии принадлежали региону и он мог не только производить продукцию, но и разрабатывать её.",
    },
  },
  {
    category: "technology-transfer",
    productType: "vaccines",
    title: {
      en: "Expand technology transfer that builds lasting capability",
      fr: "Développer des transferts de technologie qui bâtissent des capacités durables",
      pt: "Expandir a transferência de tecnologia que cria capacidades duradouras",
      ar: "توسيع نقل التكنولوجيا بما يبني قدرات دائمة",
      es: "Ampliar la transferencia de tecnología que crea capacidades duraderas",
      sw: "Kupanua uhamishaji wa teknolojia unaojenga uwezo wa kudumu",
      zh: "扩大能建立持久能力的技术转让",
      ru: "Расширять передачу технологий, которая создаёт долгосрочный потенциал",
    },
    body: {
      en: "Transfer know-how in ways that build learning, innovation capacity and long-term independence — as the mRNA technology transfer programme aims to do for vaccines — not only turnkey production lines that stay dependent on the licensor.",
      fr: "Transférer le savoir-faire de manière à développer l'apprentissage, la capacité d'innovation et l'indépendance à long terme — comme le programme de transfert de technologie ARNm entend le faire pour les vaccins — et pas seulement des lignes de production clés en main qui restent dépendantes du donneur de licence.",
      pt: "Transferir conhecimento de forma a criar aprendizagem, capacidade de inovação e independência a longo prazo — como o programa de transferência de tecnologia de ARNm pretende fazer para as vacinas — e não apenas linhas de produção chave na mão que continuam dependentes do licenciante.",
      ar: "نقل الدراية بطرق تبني التعلّم والقدرة على الابتكار والاستقلال على المدى الطويل — كما يسعى برنامج نقل تكنولوجيا الرنا المرسال (mRNA) إلى فعله في مجال اللقاحات — لا الاكتفاء بخطوط إنتاج جاهزة تبقى تابعة لمانح الترخيص.",
      es: "Transferir conocimientos de forma que se generen aprendizaje, capacidad de innovación e independencia a largo plazo —como pretende el programa de transferencia de tecnología de ARNm para las vacunas—, y no solo líneas de producción llave en mano que siguen dependiendo del licenciante.",
      sw: "Kuhamisha ujuzi kwa njia zinazojenga ujifunzaji, uwezo wa ubunifu na kujitegemea kwa muda mrefu — kama programu ya uhamishaji wa teknolojia ya mRNA inavyolenga kufanya kwa chanjo — na si mistari ya uzalishaji iliyo tayari tu ambayo inaendelea kumtegemea mwenye leseni.",
      zh: "以能够促进学习、创新能力和长期自主的方式转让专有技术（正如mRNA技术转让项目在疫苗领域所追求的那样），而不只是提供仍依赖许可方的交钥匙生产线。",
      ru: "Передавать ноу-хау так, чтобы это развивало обучение, инновационный потенциал и долгосрочную независимость, — как это стремится делать программа передачи мРНК-технологий для вакцин, — а не только поставлять производственные линии «под ключ», которые остаются зависимыми от лицензиара.",
    },
  },
  {
    category: "access-provisions",
    productType: null,
    title: {
      en: "Build access provisions, IP terms and regulatory pathways into partnerships from the start",
      fr: "Inscrire dès le départ les clauses d'accès, les conditions de propriété intellectuelle et les voies réglementaires dans les partenariats",
      pt: "Incluir desde o início cláusulas de acesso, condições de propriedade intelectual e vias regulamentares nas parcerias",
      ar: "إدراج أحكام الإتاحة وشروط الملكية الفكرية والمسارات التنظيمية في الشراكات منذ البداية",
      es: "Incluir desde el principio cláusulas de acceso, condiciones de propiedad intelectual y vías regulatorias en las alianzas",
      sw: "Kuweka masharti ya upatikanaji, ya haki miliki na njia za udhibiti katika ubia tangu mwanzo",
      zh: "从一开始就将可及性条款、知识产权条款和监管路径纳入合作协议",
      ru: "С самого начала включать в партнёрские соглашения условия доступа, интеллектуальной собственности и регуляторные пути",
    },
    body: {
      en: "Write affordability, supply to the region, licensing and intellectual property terms, and the route to regulatory approval into partnership agreements before they are signed — not after the product exists.",
      fr: "Inscrire le prix abordable, l'approvisionnement de la région, les licences et les conditions de propriété intellectuelle, ainsi que le chemin vers l'autorisation réglementaire, dans les accords de partenariat avant leur signature — et non une fois le produit mis au point.",
      pt: "Incluir o preço acessível, o abastecimento da região, o licenciamento e as condições de propriedade intelectual, bem como o caminho para a aprovação regulamentar, nos acordos de parceria antes de serem assinados — e não depois de o produto existir.",
      ar: "تضمين القدرة على تحمّل التكاليف، والإمداد للمنطقة، والترخيص وشروط الملكية الفكرية، والطريق إلى الموافقة التنظيمية، في اتفاقات الشراكة قبل توقيعها — لا بعد أن يصبح المنتج موجوداً.",
      es: "Incluir la asequibilidad, el suministro a la región, las licencias y las condiciones de propiedad intelectual, así como la vía hacia la aprobación regulatoria, en los acuerdos de colaboración antes de firmarlos, y no cuando el producto ya existe.",
      sw: "Kuandika masharti ya bei nafuu, ugavi kwa kanda, leseni na haki miliki, pamoja na njia ya kupata idhini ya udhibiti, ndani ya mikataba ya ubia kabla haijasainiwa — si baada ya bidhaa kuwepo.",
      zh: "在签署合作协议之前，就把可负担性、对本地区的供应、许可和知识产权条款以及监管审批路径写入协议，而不是等产品问世之后再谈。",
      ru: "Закреплять ценовую доступность, поставки в регион, условия лицензирования и интеллектуальной собственности, а также путь к регистрации в партнёрских соглашениях до их подписания, а не после того, как продукт уже создан.",
    },
  },
  {
    category: "regulatory-harmonisation",
    productType: null,
    title: {
      en: "Strengthen regulatory harmonisation, quality assurance and cross-border collaboration",
      fr: "Renforcer l'harmonisation réglementaire, l'assurance qualité et la collaboration transfrontalière",
      pt: "Reforçar a harmonização regulamentar, a garantia de qualidade e a colaboração transfronteiriça",
      ar: "تعزيز المواءمة التنظيمية وضمان الجودة والتعاون عبر الحدود",
      es: "Reforzar la armonización regulatoria, el aseguramiento de la calidad y la colaboración transfronteriza",
      sw: "Kuimarisha uoanishaji wa udhibiti, uhakikisho wa ubora na ushirikiano wa kuvuka mipaka",
      zh: "加强监管协调、质量保证和跨境合作",
      ru: "Укреплять гармонизацию регулирования, обеспечение качества и трансграничное сотрудничество",
    },
    body: {
      en: "Make regulators work together — shared assessments, reliance on each other's decisions, joint inspections through the African Medicines Agency and regional networks — so that a quality product approved once can reach patients in many countries quickly.",
      fr: "Faire travailler les autorités de réglementation ensemble — évaluations partagées, reconnaissance des décisions des unes et des autres, inspections conjointes via l'Agence africaine du médicament et les réseaux régionaux — pour qu'un produit de qualité autorisé une fois puisse atteindre rapidement les patients de nombreux pays.",
      pt: "Pôr as autoridades reguladoras a trabalhar em conjunto — avaliações partilhadas, confiança nas decisões umas das outras, inspeções conjuntas através da Agência Africana de Medicamentos e das redes regionais — para que um produto de qualidade aprovado uma vez chegue rapidamente aos doentes de muitos países.",
      ar: "جعل الهيئات التنظيمية تعمل معاً — عبر تقييمات مشتركة، والاعتماد المتبادل على قرارات بعضها، وعمليات تفتيش مشتركة من خلال الوكالة الأفريقية للأدوية والشبكات الإقليمية — حتى يصل المنتج الجيد الذي يُعتمد مرة واحدة إلى المرضى في بلدان كثيرة بسرعة.",
      es: "Hacer que los organismos reguladores trabajen juntos —evaluaciones compartidas, confianza en las decisiones de los demás, inspecciones conjuntas a través de la Agencia Africana de Medicamentos y de las redes regionales— para que un producto de calidad aprobado una vez llegue rápidamente a los pacientes de muchos países.",
      sw: "Kufanya mamlaka za udhibiti zifanye kazi pamoja — tathmini za pamoja, kutegemea maamuzi ya kila mmoja, ukaguzi wa pamoja kupitia Wakala wa Dawa wa Afrika na mitandao ya kikanda — ili bidhaa bora iliyoidhinishwa mara moja iwafikie wagonjwa katika nchi nyingi kwa haraka.",
      zh: "让各监管机构协同工作，通过非洲药品管理局和区域网络开展联合评估、相互依赖彼此的决定、联合检查，使一次获批的优质产品能够迅速惠及多国患者。",
      ru: "Добиться совместной работы регуляторов — общих экспертиз, взаимного признания решений, совместных инспекций через Африканское агентство по лекарственным средствам и региональные сети, — чтобы качественный продукт, одобренный один раз, быстро доходил до пациентов во многих странах.",
    },
  },
  {
    category: "api-supply-chains",
    productType: "antimicrobials",
    title: {
      en: "Develop production of active pharmaceutical ingredients and resilient supply chains",
      fr: "Développer la production de principes actifs pharmaceutiques et des chaînes d'approvisionnement résilientes",
      pt: "Desenvolver a produção de princípios ativos farmacêuticos e cadeias de abastecimento resilientes",
      ar: "تطوير إنتاج المكونات الصيدلانية الفعالة وسلاسل إمداد قادرة على الصمود",
      es: "Desarrollar la producción de principios activos farmacéuticos y cadenas de suministro resilientes",
      sw: "Kuendeleza uzalishaji wa viambato hai vya dawa na minyororo ya ugavi imara",
      zh: "发展原料药生产和有韧性的供应链",
      ru: "Развивать производство активных фармацевтических субстанций и устойчивые цепочки поставок",
    },
    body: {
      en: "Active pharmaceutical ingredients are barely produced in Africa, so finished medicines depend on imports that can stop in a crisis. Build API production for essential medicines such as antibiotics, and regional supply chains that hold under pressure.",
      fr: "Les principes actifs pharmaceutiques ne sont presque pas produits en Afrique : les médicaments finis dépendent donc d'importations qui peuvent s'interrompre en cas de crise. Il s'agit de produire les principes actifs des médicaments essentiels, comme les antibiotiques, et de bâtir des chaînes d'approvisionnement régionales qui tiennent sous la pression.",
      pt: "Os princípios ativos farmacêuticos quase não são produzidos em África, pelo que os medicamentos acabados dependem de importações que podem parar numa crise. Trata-se de produzir os princípios ativos de medicamentos essenciais, como os antibióticos, e de criar cadeias de abastecimento regionais que resistam à pressão.",
      ar: "لا تكاد المكونات الصيدلانية الفعالة تُنتَج في أفريقيا، ولذلك تعتمد الأدوية الجاهزة على واردات قد تتوقف في أوقات الأزمات. والمطلوب بناء إنتاج هذه المكونات للأدوية الأساسية مثل المضادات الحيوية، وإنشاء سلاسل إمداد إقليمية تصمد تحت الضغط.",
      es: "Los principios activos farmacéuticos apenas se producen en África, por lo que los medicamentos terminados dependen de importaciones que pueden detenerse en una crisis. Se trata de producir los principios activos de medicamentos esenciales, como los antibióticos, y de crear cadenas de suministro regionales que resistan bajo presión.",
      sw: "Viambato hai vya dawa karibu havizalishwi kabisa barani Afrika, kwa hiyo dawa zilizokamilika hutegemea uagizaji kutoka nje ambao unaweza kusimama wakati wa dharura. Tujenge uzalishaji wa viambato hivi kwa dawa muhimu kama viuavijasumu, na minyororo ya ugavi ya kikanda inayostahimili shinikizo.",
      zh: "非洲几乎不生产原料药，因此成品药依赖进口，而进口在危机中可能中断。应为抗生素等基本药物建立原料药生产，并建设能够承受压力的区域供应链。",
      ru: "Активные фармацевтические субстанции в Африке почти не производятся, поэтому готовые лекарства зависят от импорта, который может прекратиться в кризис. Нужно наладить производство субстанций для основных лекарств, например антибиотиков, и создать региональные цепочки поставок, которые выдерживают нагрузку.",
    },
  },
  {
    category: "financing",
    productType: null,
    title: {
      en: "Expand innovative financing and long-term industrial investment",
      fr: "Développer les financements innovants et l'investissement industriel de long terme",
      pt: "Expandir o financiamento inovador e o investimento industrial de longo prazo",
      ar: "توسيع التمويل المبتكر والاستثمار الصناعي طويل الأجل",
      es: "Ampliar la financiación innovadora y la inversión industrial a largo plazo",
      sw: "Kupanua ufadhili bunifu na uwekezaji wa muda mrefu katika viwanda",
      zh: "扩大创新融资和长期产业投资",
      ru: "Расширять инновационное финансирование и долгосрочные промышленные инвестиции",
    },
    body: {
      en: "Make concessional loans, guarantees, blended finance and patient long-term capital available to regional manufacturers, whose plants take years to become viable.",
      fr: "Rendre accessibles aux fabricants régionaux les prêts concessionnels, les garanties, les financements mixtes et les capitaux patients de long terme, car leurs usines mettent des années à devenir rentables.",
      pt: "Pôr à disposição dos fabricantes regionais empréstimos concessionais, garantias, financiamento misto e capital paciente de longo prazo, pois as suas fábricas levam anos a tornar-se viáveis.",
      ar: "إتاحة القروض الميسّرة والضمانات والتمويل المختلط ورأس المال الصبور طويل الأجل للمصنّعين الإقليميين، إذ تحتاج مصانعهم إلى سنوات حتى تصبح مجدية.",
      es: "Poner a disposición de los fabricantes regionales préstamos en condiciones favorables, garantías, financiación combinada y capital paciente a largo plazo, ya que sus plantas tardan años en ser viables.",
      sw: "Kuwawezesha watengenezaji wa kikanda kupata mikopo yenye masharti nafuu, dhamana, ufadhili mchanganyiko na mtaji wa muda mrefu wenye subira, kwa kuwa viwanda vyao huchukua miaka kadhaa kuanza kujiendesha kwa faida.",
      zh: "向区域制造商提供优惠贷款、担保、混合融资和耐心的长期资本，因为他们的工厂需要多年才能实现盈利。",
      ru: "Открыть региональным производителям доступ к льготным кредитам, гарантиям, смешанному финансированию и «терпеливому» долгосрочному капиталу, ведь их заводам нужны годы, чтобы выйти на самоокупаемость.",
    },
  },
  {
    category: "policy-coherence",
    productType: null,
    title: {
      en: "Make health, industry, trade, science and finance policies pull in the same direction",
      fr: "Faire converger les politiques de santé, d'industrie, de commerce, de science et de finances",
      pt: "Fazer com que as políticas de saúde, indústria, comércio, ciência e finanças caminhem no mesmo sentido",
      ar: "جعل سياسات الصحة والصناعة والتجارة والعلوم والمالية تسير في الاتجاه نفسه",
      es: "Lograr que las políticas de salud, industria, comercio, ciencia y finanzas vayan en la misma dirección",
      sw: "Kuhakikisha sera za afya, viwanda, biashara, sayansi na fedha zinaelekea upande mmoja",
      zh: "使卫生、工业、贸易、科学和财政政策形成合力",
      ru: "Добиться, чтобы политика в сферах здравоохранения, промышленности, торговли, науки и финансов действовала в одном направлении",
    },
    body: {
      en: "Align ministries and regional bodies — tariffs, taxes, industrial incentives, research funding and health procurement — so that one policy does not undo another.",
      fr: "Accorder les ministères et les organismes régionaux — droits de douane, fiscalité, incitations industrielles, financement de la recherche et achats de santé — pour qu'une politique ne défasse pas ce qu'une autre construit.",
      pt: "Articular ministérios e organismos regionais — tarifas aduaneiras, impostos, incentivos industriais, financiamento da investigação e aquisições na saúde — para que uma política não desfaça o que outra constrói.",
      ar: "تنسيق عمل الوزارات والهيئات الإقليمية — في الرسوم الجمركية والضرائب والحوافز الصناعية وتمويل البحث والمشتريات الصحية — حتى لا تهدم سياسةٌ ما تبنيه سياسة أخرى.",
      es: "Coordinar ministerios y organismos regionales —aranceles, impuestos, incentivos industriales, financiación de la investigación y compras sanitarias— para que una política no deshaga lo que construye otra.",
      sw: "Kuoanisha wizara na taasisi za kikanda — ushuru wa forodha, kodi, vivutio vya viwanda, ufadhili wa utafiti na ununuzi wa bidhaa za afya — ili sera moja isibomoe kile ambacho sera nyingine inajenga.",
      zh: "协调各部委和区域机构在关税、税收、产业激励、科研资助和卫生采购方面的政策，避免一项政策抵消另一项政策的成果。",
      ru: "Согласовать действия министерств и региональных органов — тарифы, налоги, промышленные стимулы, финансирование исследований и закупки в здравоохранении, — чтобы одна политика не сводила на нет другую.",
    },
  },
  {
    category: "community-engagement",
    productType: null,
    title: {
      en: "Engage communities and affected populations directly",
      fr: "Associer directement les communautés et les populations concernées",
      pt: "Envolver diretamente as comunidades e as populações afetadas",
      ar: "إشراك المجتمعات المحلية والفئات المتأثرة بشكل مباشر",
      es: "Involucrar directamente a las comunidades y a las poblaciones afectadas",
      sw: "Kushirikisha jamii na makundi yaliyoathirika moja kwa moja",
      zh: "让社区和受影响人群直接参与",
      ru: "Напрямую вовлекать сообщества и затронутые группы населения",
    },
    body: {
      en: "Bring communities, patients and affected populations into the rooms where manufacturing and access strategies are shaped — from choosing which products to make to monitoring prices and availability.",
      fr: "Faire entrer les communautés, les patients et les populations concernées dans les salles où se décident les stratégies de fabrication et d'accès — du choix des produits à fabriquer au suivi des prix et de la disponibilité.",
      pt: "Levar as comunidades, os doentes e as populações afetadas para as salas onde se definem as estratégias de produção e de acesso — desde a escolha dos produtos a fabricar até ao acompanhamento dos preços e da disponibilidade.",
      ar: "إدخال المجتمعات المحلية والمرضى والفئات المتأثرة إلى القاعات التي تُرسم فيها استراتيجيات التصنيع والإتاحة — من اختيار المنتجات التي ستُصنَّع إلى رصد الأسعار ومدى التوافر.",
      es: "Llevar a las comunidades, los pacientes y las poblaciones afectadas a las salas donde se definen las estrategias de fabricación y acceso, desde la elección de los productos que se fabrican hasta el seguimiento de los precios y la disponibilidad.",
      sw: "Kuzileta jamii, wagonjwa na makundi yaliyoathirika katika vyumba ambamo mikakati ya utengenezaji na upatikanaji huandaliwa — kuanzia kuchagua bidhaa zitakazotengenezwa hadi kufuatilia bei na upatikanaji wake.",
      zh: "让社区、患者和受影响人群进入制定生产和可及性战略的会议室，从选择生产哪些产品，到监测价格和供应情况。",
      ru: "Приглашать сообщества, пациентов и затронутые группы населения туда, где формируются стратегии производства и доступа, — от выбора продукции для выпуска до контроля цен и наличия.",
    },
  },
];

// ───────────────────────────── what members wrote ─────────────────────────────

export interface DemoCommentText {
  /** Stable handle for replies, quotes and flags; never shown. */
  key: string;
  /** Position (1–10) of the priority the comment is about. */
  priority: number;
  /** BCP 47 tag of the language it is written in. */
  language: DemoLocale;
  stance: CommentStance | null;
  body: string;
  /** The comment speaks from a role ("as a procurement officer…"): its author should hold it. */
  authorGroup?: StakeholderGroup;
  /** Said at the community meeting and typed in by the facilitator. */
  offline?: true;
}

export interface DemoReplyText {
  key: string;
  replyTo: string;
  language: DemoLocale;
  stance: CommentStance | null;
  body: string;
}

/** Comments that break the rules; the demo moderator hid each of them for `reason`. */
export interface DemoModeratedText {
  key: string;
  priority: number;
  language: DemoLocale;
  body: string;
  reason: FlagReason;
}

export const demoComments: readonly DemoCommentText[] = [
  // 1 — pooled procurement
  {
    key: "p1-en-forecast",
    priority: 1,
    language: "en",
    stance: "supports",
    authorGroup: "procurement-agency",
    body: "As a procurement officer I can tell you that manufacturers ask us one question: how many units next year, and the year after? Pooled procurement with shared multi-year forecasts is the only way we can give them an honest answer.",
  },
  {
    key: "p1-fr-orders",
    priority: 1,
    language: "fr",
    stance: "supports",
    authorGroup: "manufacturer",
    body: "Nos usines tournent à 30 % de leur capacité parce que chaque pays commande seul, en petites quantités et au dernier moment. Des achats groupés à l'échelle de la CEDEAO changeraient tout.",
  },
  {
    key: "p1-sw-delivery",
    priority: 1,
    language: "sw",
    stance: "question",
    offline: true,
    body: "Ununuzi wa pamoja utasaidia kushusha bei, lakini je, dawa zitafika hadi zahanati za vijijini? Mara nyingi tatizo si bei tu bali usafirishaji hadi kwa mgonjwa.",
  },
  {
    key: "p1-pt-lusophone",
    priority: 1,
    language: "pt",
    stance: "concerns",
    body: "Os países lusófonos ficam muitas vezes de fora dos mecanismos regionais porque os documentos e os concursos estão só em inglês e francês. A aquisição conjunta tem de funcionar também em português.",
  },
  {
    key: "p1-en-lowest-price",
    priority: 1,
    language: "en",
    stance: "concerns",
    body: "Pooled procurement tends to reward the lowest price, which favours large Asian suppliers. Unless tenders give some weight to regional supply security, local manufacturers will still lose.",
  },
  {
    key: "p1-ar-national",
    priority: 1,
    language: "ar",
    stance: "supports",
    body: "في مصر جرّبنا الشراء الموحّد على المستوى الوطني وانخفضت الأسعار بشكل ملحوظ. توسيع هذه التجربة إقليمياً مع الدول الأفريقية خطوة منطقية.",
  },
  {
    key: "p1-zh-contracts",
    priority: 1,
    language: "zh",
    stance: "question",
    body: "区域联合采购的合同期限一般是多长？如果只有一年，本地工厂很难据此扩大产能。",
  },
  // 2 — needs-aligned manufacturing
  {
    key: "p2-en-insulin",
    priority: 2,
    language: "en",
    stance: "supports",
    authorGroup: "community-member",
    body: "My mother has diabetes and insulin runs out at our district hospital almost every quarter. Nobody is building insulin plants here because vaccines get all the attention and the funding.",
  },
  {
    key: "p2-fr-epidemiology",
    priority: 2,
    language: "fr",
    stance: "supports",
    authorGroup: "health-worker",
    body: "Il faut partir du profil épidémiologique : paludisme, drépanocytose, hypertension. Produire localement ce que nous importons le plus, pas ce qui attire les financements du moment.",
  },
  {
    key: "p2-sw-daily-medicines",
    priority: 2,
    language: "sw",
    stance: "supports",
    body: "Hapa kwetu malaria na shinikizo la damu ndio magonjwa yanayotuumiza zaidi. Viwanda vitengeneze dawa tunazohitaji kila siku, si bidhaa za kuuza nje tu.",
  },
  {
    key: "p2-es-imports",
    priority: 2,
    language: "es",
    stance: "supports",
    body: "En Guinea Ecuatorial casi todos los medicamentos llegan de fuera y los precios son muy altos. Producir en la región los medicamentos básicos para la hipertensión y la diabetes sería un gran paso.",
  },
  {
    key: "p2-en-viability",
    priority: 2,
    language: "en",
    stance: "concerns",
    authorGroup: "manufacturer",
    body: "Aligning with disease burden is right in principle, but a plant making low-margin generics for a small national market will not survive. Alignment has to come with guaranteed offtake.",
  },
  {
    key: "p2-ar-ncd",
    priority: 2,
    language: "ar",
    stance: "supports",
    body: "أصبحت الأمراض غير السارية العبء الأكبر في شمال أفريقيا، ومع ذلك تتجه معظم الاستثمارات إلى اللقاحات. يجب أن تعكس أولويات التصنيع احتياجات المرضى الفعلية.",
  },
  {
    key: "p2-ru-data",
    priority: 2,
    language: "ru",
    stance: "question",
    body: "Кто будет определять, какая продукция соответствует «бремени болезней»? Нужны открытые данные о потреблении лекарств в каждой стране, иначе это так и останется лозунгом.",
  },
  // 3 — R&D, education, institutions
  {
    key: "p3-en-brain-drain",
    priority: 3,
    language: "en",
    stance: "concerns",
    authorGroup: "researcher",
    body: "We train excellent pharmacists and chemists, and then they leave because there are no research jobs at home. Investment in institutions must include careers, not just buildings.",
  },
  {
    key: "p3-fr-engineers",
    priority: 3,
    language: "fr",
    stance: "supports",
    body: "Nos universités forment des pharmaciens, mais presque aucun ingénieur en procédés pharmaceutiques. Sans formation, aucun transfert de technologie ne tiendra.",
  },
  {
    key: "p3-pt-research-funds",
    priority: 3,
    language: "pt",
    stance: "supports",
    authorGroup: "researcher",
    body: "Em Moçambique, a investigação clínica depende quase totalmente de financiamento externo. Precisamos de fundos nacionais e regionais estáveis para que as prioridades de investigação sejam definidas por nós.",
  },
  {
    key: "p3-sw-youth",
    priority: 3,
    language: "sw",
    stance: "supports",
    body: "Vijana wetu wengi wamesomea sayansi lakini hawana ajira. Vituo vya utafiti vikijengwa hapa nchini, wangeweza kubaki na kuchangia.",
  },
  {
    key: "p3-zh-patience",
    priority: 3,
    language: "zh",
    stance: null,
    body: "我们在中国的经验是，对高校和科研机构长期投入十几年之后，才真正形成了自主研发能力。非洲也需要这样的耐心。",
  },
  {
    key: "p3-en-traditional",
    priority: 3,
    language: "en",
    stance: "question",
    body: "Will research funding also cover traditional medicines, with proper clinical trials? Many people here use them first, and we know very little about what works.",
  },
  // 4 — technology transfer
  {
    key: "p4-en-mrna",
    priority: 4,
    language: "en",
    stance: "supports",
    body: "The mRNA hub model is the right idea: the partner learns to develop, not just to fill and finish. Fill-and-finish lines were idle within a year of the pandemic ending.",
  },
  {
    key: "p4-fr-dependence",
    priority: 4,
    language: "fr",
    stance: "concerns",
    body: "Trop de « transferts de technologie » ne sont que des licences de conditionnement. Au bout de dix ans, on dépend toujours du même fournisseur pour le principe actif et le savoir-faire.",
  },
  {
    key: "p4-ar-training",
    priority: 4,
    language: "ar",
    stance: "question",
    body: "هل تشمل اتفاقات نقل التكنولوجيا تدريب الكوادر المحلية على تطوير منتجات جديدة، أم تقتصر على تشغيل خط إنتاج واحد؟",
  },
  {
    key: "p4-es-south-south",
    priority: 4,
    language: "es",
    stance: "supports",
    authorGroup: "researcher",
    body: "América Latina tiene experiencia en transferencia de tecnología para vacunas entre países del Sur. Esa cooperación Sur-Sur podría servir de modelo para África.",
  },
  {
    key: "p4-sw-skills",
    priority: 4,
    language: "sw",
    stance: "supports",
    body: "Teknolojia ikihamishwa pamoja na ujuzi, wataalamu wetu wataweza kuboresha bidhaa wenyewe baadaye. Bila hivyo tutaendelea kuwa wateja milele.",
  },
  {
    key: "p4-ru-own-team",
    priority: 4,
    language: "ru",
    stance: "supports",
    body: "Передача технологий работает, только если у получателя есть собственная команда разработчиков. Иначе через несколько лет технология устаревает, а обновить её некому.",
  },
  // 5 — access provisions, IP, regulatory pathways
  {
    key: "p5-en-public-money",
    priority: 5,
    language: "en",
    stance: "supports",
    authorGroup: "civil-society",
    body: "Public money funded much of the research behind these products. Partnership agreements should say, in writing, what the price will be in the region and who gets supplied first.",
  },
  {
    key: "p5-fr-public-clauses",
    priority: 5,
    language: "fr",
    stance: "supports",
    authorGroup: "civil-society",
    body: "Les clauses d'accès doivent être publiques. Si les contrats restent confidentiels, les communautés ne peuvent pas vérifier si les engagements sont tenus.",
  },
  {
    key: "p5-en-manufacturer",
    priority: 5,
    language: "en",
    stance: "concerns",
    authorGroup: "manufacturer",
    body: "As a manufacturer, I worry that rigid access clauses signed on day one will scare off the partners who hold the technology. There has to be room to negotiate as volumes grow.",
  },
  {
    key: "p5-pt-registration",
    priority: 5,
    language: "pt",
    stance: "supports",
    body: "Em Angola, vimos medicamentos ficarem anos sem registo porque ninguém pensou na via regulamentar durante a negociação. Isto deve ser tratado desde o início.",
  },
  {
    key: "p5-sw-price",
    priority: 5,
    language: "sw",
    stance: "supports",
    body: "Tunachotaka ni kujua bei mapema. Dawa ikitengenezwa Afrika lakini bei yake ni ile ile ya nje, hatujafaidika kitu.",
  },
  {
    key: "p5-zh-flexibility",
    priority: 5,
    language: "zh",
    stance: "concerns",
    body: "知识产权条款过于严格，可能会让技术持有方不愿合作。建议针对不同类别的产品采用不同的条款。",
  },
  // 6 — regulatory harmonisation
  {
    key: "p6-en-one-dossier",
    priority: 6,
    language: "en",
    stance: "supports",
    authorGroup: "manufacturer",
    body: "One dossier, one joint assessment, recognised in all member states. Today we file the same product separately in twelve countries and wait up to three years in some of them.",
  },
  {
    key: "p6-fr-quality",
    priority: 6,
    language: "fr",
    stance: "supports",
    body: "L'harmonisation ne doit pas se faire au détriment de la qualité. Il faut des inspections communes et des laboratoires de contrôle qualité capables de détecter les produits falsifiés.",
  },
  {
    key: "p6-ar-reliance",
    priority: 6,
    language: "ar",
    stance: "supports",
    authorGroup: "government-regulator",
    body: "بصفتي عاملاً في هيئة تنظيمية، أرى أن الاعتماد على قرارات الهيئات الأخرى يوفّر وقتاً وموارد كبيرة دون التنازل عن معايير الجودة.",
  },
  {
    key: "p6-sw-falsified",
    priority: 6,
    language: "sw",
    stance: "concerns",
    body: "Dawa bandia zinauzwa mipakani bila udhibiti wowote. Ushirikiano wa mamlaka za nchi jirani ni muhimu sana kuzuia hili.",
  },
  {
    key: "p6-en-small-regulators",
    priority: 6,
    language: "en",
    stance: "question",
    body: "What happens to small national regulators with only a handful of assessors? Will joint assessments build their capacity, or simply replace them?",
  },
  {
    key: "p6-es-reliance",
    priority: 6,
    language: "es",
    stance: null,
    body: "La confianza regulatoria entre agencias ha acortado mucho los plazos en otras regiones. Vale la pena aprender de esas experiencias.",
  },
  // 7 — APIs and supply chains
  {
    key: "p7-en-amoxicillin",
    priority: 7,
    language: "en",
    stance: "supports",
    authorGroup: "health-worker",
    body: "During the 2020 lockdowns our amoxicillin supply stopped for months because a single foreign API plant closed. That is a health security problem, not an industrial one.",
  },
  {
    key: "p7-fr-realism",
    priority: 7,
    language: "fr",
    stance: "concerns",
    body: "Produire des principes actifs exige une chimie lourde, de l'énergie bon marché et de très gros volumes. Soyons réalistes : commençons par quelques molécules essentielles plutôt que par tout à la fois.",
  },
  {
    key: "p7-en-environment",
    priority: 7,
    language: "en",
    stance: "concerns",
    body: "API plants can pollute rivers with antibiotic residues, which drives antimicrobial resistance. Any new production must come with strict environmental standards.",
  },
  {
    key: "p7-ru-which-first",
    priority: 7,
    language: "ru",
    stance: "question",
    body: "Какие субстанции планируется производить в первую очередь? Для антибиотиков и противотуберкулёзных препаратов нужны совсем разные технологии.",
  },
  {
    key: "p7-pt-logistics",
    priority: 7,
    language: "pt",
    stance: "supports",
    body: "Cadeias de abastecimento regionais também significam armazéns, transporte refrigerado e estradas. Sem isso, mesmo a produção local não chega às províncias.",
  },
  // 8 — financing
  {
    key: "p8-en-patient-capital",
    priority: 8,
    language: "en",
    stance: "supports",
    authorGroup: "financing-institution",
    body: "A vaccine plant takes eight to ten years to break even. Commercial loans at 20% interest simply do not work. We need concessional, long-term capital or there will be no regional production at all.",
  },
  {
    key: "p8-fr-debt",
    priority: 8,
    language: "fr",
    stance: "concerns",
    body: "Encore des prêts ? Nos pays sont déjà très endettés. Les financements doivent aller à des projets qui font réellement baisser le prix des médicaments pour les patients.",
  },
  {
    key: "p8-sw-transparency",
    priority: 8,
    language: "sw",
    stance: "concerns",
    authorGroup: "community-member",
    body: "Fedha nyingi zinaishia kwa makampuni makubwa. Sisi wananchi hatujui nani anafaidika na mikopo hii. Kuwe na uwazi kuhusu fedha zinakwenda wapi.",
  },
  {
    key: "p8-en-conditions",
    priority: 8,
    language: "en",
    stance: "concerns",
    authorGroup: "civil-society",
    body: "Financing should come with conditions: affordable prices, supply to the region first, and public reporting. Otherwise we are subsidising private profits with public money.",
  },
  {
    key: "p8-ar-small-firms",
    priority: 8,
    language: "ar",
    stance: "question",
    body: "هل ستُتاح آليات التمويل الميسّر للشركات الصغيرة والمتوسطة أيضاً، أم للمصنّعين الكبار فقط؟",
  },
  {
    key: "p8-es-offtake",
    priority: 8,
    language: "es",
    stance: "supports",
    body: "Las garantías de compra a largo plazo son tan importantes como los préstamos: un banco presta con más facilidad cuando hay contratos firmados.",
  },
  // 9 — policy coherence
  {
    key: "p9-en-tariffs",
    priority: 9,
    language: "en",
    stance: "supports",
    authorGroup: "manufacturer",
    body: "We pay import duty on raw materials and packaging, while finished medicines come in duty-free. Our own tax system makes local production more expensive than importing.",
  },
  {
    key: "p9-fr-ministries",
    priority: 9,
    language: "fr",
    stance: "supports",
    body: "Le ministère de la Santé et celui de l'Industrie ne se parlent pas. Il faudrait un comité interministériel avec un budget et des objectifs communs.",
  },
  {
    key: "p9-sw-afcfta",
    priority: 9,
    language: "sw",
    stance: "question",
    body: "Je, Eneo Huru la Biashara Barani Afrika (AfCFTA) litarahisisha usafirishaji wa dawa kati ya nchi zetu, au vikwazo vya mipakani vitaendelea?",
  },
  {
    key: "p9-ru-industry",
    priority: 9,
    language: "ru",
    stance: null,
    body: "Без согласованной промышленной и торговой политики любые инвестиции в фармацевтику будут уязвимы. Это вопрос не только здравоохранения.",
  },
  {
    key: "p9-en-rules-of-origin",
    priority: 9,
    language: "en",
    stance: "question",
    body: "How will this link to the AfCFTA protocols? Rules of origin for medicines could make or break regional trade.",
  },
  // 10 — community engagement
  {
    key: "p10-sw-villages",
    priority: 10,
    language: "sw",
    stance: "supports",
    authorGroup: "community-member",
    offline: true,
    body: "Sisi wa vijijini ndio tunaokosa dawa, lakini hatuulizwi chochote. Jamii ziwe na nafasi katika vikao ambamo maamuzi haya yanafanywa, si kualikwa mwishoni kupiga picha.",
  },
  {
    key: "p10-en-hiv",
    priority: 10,
    language: "en",
    stance: "supports",
    authorGroup: "civil-society",
    body: "HIV activists changed drug prices in the 2000s because they were at the table. Community engagement is not a courtesy; it is how access actually improves.",
  },
  {
    key: "p10-fr-feedback",
    priority: 10,
    language: "fr",
    stance: "concerns",
    body: "On nous consulte souvent, mais on ne voit jamais ce que deviennent nos avis. Il faut un retour public : voici ce que vous avez dit, voici ce que nous faisons.",
  },
  {
    key: "p10-ar-patients",
    priority: 10,
    language: "ar",
    stance: "supports",
    body: "يجب إشراك جمعيات المرضى في متابعة توافر الأدوية وأسعارها في الصيدليات، فهم أول من يلاحظ الانقطاع.",
  },
  {
    key: "p10-pt-health-agents",
    priority: 10,
    language: "pt",
    stance: "supports",
    authorGroup: "health-worker",
    body: "Os agentes comunitários de saúde conhecem as necessidades reais das famílias. Devem ser ouvidos quando se decide o que produzir.",
  },
  {
    key: "p10-en-languages",
    priority: 10,
    language: "en",
    stance: "concerns",
    body: "Most of these meetings happen in English, in capital cities, online. If you want communities in the room, use local languages and go where people are.",
  },
  {
    key: "p10-es-women-youth",
    priority: 10,
    language: "es",
    stance: "supports",
    body: "La participación comunitaria debe incluir a mujeres y jóvenes, que suelen ser los primeros en cuidar a los enfermos en casa.",
  },
  {
    key: "p10-zh-representatives",
    priority: 10,
    language: "zh",
    stance: "question",
    body: "社区代表是如何选出来的？应当确保他们真正代表患者，而不是代表某些机构的利益。",
  },
];

export const demoReplies: readonly DemoReplyText[] = [
  {
    key: "r-p1-fr-payments",
    replyTo: "p1-fr-orders",
    language: "fr",
    stance: null,
    body: "Tout à fait d'accord. Et il faut que les paiements suivent : certains pays commandent ensemble mais paient avec un an de retard.",
  },
  {
    key: "r-p1-en-lagos",
    replyTo: "p1-fr-orders",
    language: "en",
    stance: "supports",
    body: "Same in our plant in Lagos: the capacity is there, the orders are not.",
  },
  {
    key: "r-p1-sw-transport",
    replyTo: "p1-sw-delivery",
    language: "sw",
    stance: null,
    body: "Kweli kabisa. Hata bei ikishuka, bila magari ya kusambaza dawa hadi vijijini hakuna kitakachobadilika.",
  },
  {
    key: "r-p1-en-weighted",
    replyTo: "p1-en-lowest-price",
    language: "en",
    stance: null,
    body: "Some agencies already score tenders on quality, lead time and regional origin, not price alone. It can be done, but it needs political backing.",
  },
  {
    key: "r-p2-en-same-here",
    replyTo: "p2-en-insulin",
    language: "en",
    stance: null,
    body: "Sorry to hear this. The same happens with blood pressure medicines at our clinic.",
  },
  {
    key: "r-p2-fr-both",
    replyTo: "p2-en-viability",
    language: "fr",
    stance: null,
    body: "D'où l'intérêt des achats groupés (priorité 1) : les deux priorités vont ensemble.",
  },
  {
    key: "r-p2-en-data",
    replyTo: "p2-ru-data",
    language: "en",
    stance: null,
    body: "Agreed: consumption data is the missing piece. Several countries do not publish it at all.",
  },
  {
    key: "r-p3-sw-friends",
    replyTo: "p3-en-brain-drain",
    language: "sw",
    stance: null,
    body: "Hili ni kweli. Wenzangu watatu wa maabara wamehamia nje ya nchi mwaka huu.",
  },
  {
    key: "r-p4-fr-synthesis",
    replyTo: "p4-fr-dependence",
    language: "fr",
    stance: "supports",
    body: "Exactement. Il faut exiger le transfert de la synthèse du principe actif, pas seulement du conditionnement.",
  },
  {
    key: "r-p4-ar-experience",
    replyTo: "p4-ar-training",
    language: "ar",
    stance: null,
    body: "سؤال مهم. في تجربتنا اقتصر التدريب على التشغيل والصيانة فقط.",
  },
  {
    key: "r-p5-en-principle",
    replyTo: "p5-en-manufacturer",
    language: "en",
    stance: null,
    body: "Room to negotiate, yes, but the principle of access has to be fixed from the start. Otherwise it never comes.",
  },
  {
    key: "r-p5-pt-patients-pay",
    replyTo: "p5-en-manufacturer",
    language: "pt",
    stance: null,
    body: "Compreendo a preocupação, mas sem cláusulas claras quem paga a conta são os doentes.",
  },
  {
    key: "r-p6-en-co-assessors",
    replyTo: "p6-en-small-regulators",
    language: "en",
    stance: null,
    body: "Joint assessments usually bring assessors from smaller agencies in as observers first, then as co-assessors. It builds capacity over time.",
  },
  {
    key: "r-p7-en-guidelines",
    replyTo: "p7-en-environment",
    language: "en",
    stance: "supports",
    body: "Good point. Standards for antibiotic discharge from factories already exist; meeting them should be a condition for financing.",
  },
  {
    key: "r-p8-fr-published",
    replyTo: "p8-en-conditions",
    language: "fr",
    stance: "supports",
    body: "D'accord. Et ces conditions doivent être publiées, pas négociées en secret.",
  },
  {
    key: "r-p8-sw-reports",
    replyTo: "p8-sw-transparency",
    language: "sw",
    stance: null,
    body: "Ndiyo, tunahitaji ripoti za wazi kila mwaka.",
  },
  {
    key: "r-p9-ar-same",
    replyTo: "p9-en-tariffs",
    language: "ar",
    stance: null,
    body: "المشكلة نفسها عندنا: الرسوم على المواد الخام أعلى من الرسوم على الأدوية المستوردة.",
  },
  {
    key: "r-p10-en-keep-sharing",
    replyTo: "p10-sw-villages",
    language: "en",
    stance: null,
    body: "This is exactly why this consultation runs in eight languages. Please keep sharing.",
  },
  {
    key: "r-p10-fr-response",
    replyTo: "p10-fr-feedback",
    language: "fr",
    stance: null,
    body: "C'est pour cela que l'agence s'est engagée à publier une réponse à cette consultation. On verra si elle tient parole.",
  },
  {
    key: "r-p10-sw-village-meetings",
    replyTo: "p10-en-languages",
    language: "sw",
    stance: null,
    body: "Asante kwa kusema hili. Mikutano ya vijijini kwa Kiswahili ingesaidia sana.",
  },
];

export const demoModeratedComments: readonly DemoModeratedText[] = [
  {
    key: "x-p8-en-pharmacy-spam",
    priority: 8,
    language: "en",
    reason: "spam",
    body: "Cheap generic meds online, NO prescription needed!!! 70% off today only at best-pharma-deals.example, order now!!!",
  },
  {
    key: "x-p5-fr-insult",
    priority: 5,
    language: "fr",
    reason: "abusive",
    body: "Ceux qui défendent ces clauses sont des idiots payés par les labos. Vous devriez avoir honte.",
  },
  {
    key: "x-p9-sw-school-fees",
    priority: 9,
    language: "sw",
    reason: "off-topic",
    body: "Naombeni msaada wa ada ya shule kwa mtoto wangu, tafadhali mnitumie pesa kwa simu.",
  },
  {
    key: "x-p10-en-contempt",
    priority: 10,
    language: "en",
    reason: "abusive",
    body: "Community engagement is a joke. Half these people can't even read, why would anyone listen to them?",
  },
  {
    key: "x-p7-ar-shares",
    priority: 7,
    language: "ar",
    reason: "spam",
    body: "اشترِ أسهم شركتنا الآن! أرباح مضمونة بنسبة 300٪ من الاستثمار الدوائي. راسلنا فوراً!",
  },
];

/** Published comments that someone flagged but the moderator left up (one queue item is still open). */
export const demoFlagsOnPublished: readonly {
  commentKey: string;
  reason: FlagReason;
  note: string;
  dismissed: boolean;
}[] = [
  {
    commentKey: "p4-en-mrna",
    reason: "misinformation",
    note: "Not all fill-and-finish lines were idle; ours still runs.",
    dismissed: false,
  },
  {
    commentKey: "p5-en-manufacturer",
    reason: "other",
    note: "Does the author declare a commercial interest?",
    dismissed: true,
  },
];

// ───────────────────────────── the published summary ─────────────────────────────

/**
 * Comments the moderator quoted, in the order they appear in the summary. The summary holds only a
 * quote line for each (see app/summaries/summary-markdown.ts), never their words: a quote must vanish
 * from the public page when its comment is hidden, and a copy of the text (or a translation) would not.
 */
const quotedCommentKeys = ["p1-fr-orders", "p8-en-conditions", "p10-sw-villages"] as const;

/** Stands for a quote line until the seed knows the comment's id (`withQuoteIds` in demo.ts). */
export function quotePlaceholder(commentKey: string): string {
  return `[[quote:${commentKey}]]`;
}

type QuoteSlot = (index: 0 | 1 | 2) => string;

const summaryTemplates: Readonly<Record<DemoLocale, (q: QuoteSlot) => string>> = {
  en: (q) => `## Interim summary: the first four weeks

This summary covers the votes and comments received from the opening of the consultation to 27 October 2026. People from across Africa and beyond have taken part, in eight languages. The consultation remains open: it is not too late to vote, comment or spread your ten points.

### Broad agreement

- **Aligning manufacturing with public health needs** (priority 2) and **regulatory harmonisation** (priority 6) have the widest support across stakeholder groups.
- Many participants link **pooled procurement** (priority 1) to the survival of regional factories: without predictable orders, capacity stands idle.

${q(0)}

### Where views divide

- **Financing** (priority 8) divides participants most. Manufacturers and financing institutions see long-term concessional capital as the precondition for everything else; community members and civil society organisations ask who benefits, and want conditions attached.

${q(1)}

- **Active pharmaceutical ingredients** (priority 7) draw the most "pass" votes. Many participants say they lack the information to judge, and several ask which molecules would come first.

### What communities ask for

Community members, patients and health workers want a seat where decisions are made, meetings in their own languages, and a public answer to what they say.

${q(2)}

### Moderation

A few comments were hidden as spam, abuse or off-topic. The public moderation log lists each of them and the reason; no one is named.
`,
  fr: (q) => `## Résumé intermédiaire : les quatre premières semaines

Ce résumé couvre les votes et les commentaires reçus depuis l'ouverture de la consultation jusqu'au 27 octobre 2026. Des personnes de toute l'Afrique et d'ailleurs y ont participé, en huit langues. La consultation reste ouverte : il est encore temps de voter, de commenter ou de répartir vos dix points.

### Un large accord

- **Aligner la production sur les besoins de santé publique** (priorité 2) et **l'harmonisation réglementaire** (priorité 6) recueillent le soutien le plus large, dans l'ensemble des groupes d'acteurs.
- Beaucoup lient **les achats groupés** (priorité 1) à la survie des usines régionales : sans commandes prévisibles, les capacités restent inutilisées.

${q(0)}

### Là où les avis divergent

- **Le financement** (priorité 8) est le sujet le plus clivant. Les fabricants et les institutions financières voient dans des capitaux concessionnels de long terme la condition de tout le reste ; les membres des communautés et les organisations de la société civile demandent à qui cela profite et veulent des conditions.

${q(1)}

- **Les principes actifs pharmaceutiques** (priorité 7) recueillent le plus de votes « je passe ». Beaucoup disent manquer d'informations pour juger, et plusieurs demandent quelles molécules viendraient en premier.

### Ce que demandent les communautés

Les membres des communautés, les patients et les agents de santé veulent une place là où les décisions se prennent, des réunions dans leurs langues et une réponse publique à ce qu'ils disent.

${q(2)}

### Modération

Quelques commentaires ont été masqués pour spam, propos injurieux ou hors sujet. Le journal public de modération indique chacun d'eux et la raison ; personne n'y est nommé.
`,
  pt: (q) => `## Resumo intercalar: as primeiras quatro semanas

Este resumo abrange os votos e comentários recebidos desde a abertura da consulta até 27 de outubro de 2026. Participaram pessoas de toda a África e de outras regiões, em oito línguas. A consulta continua aberta: ainda vai a tempo de votar, comentar ou distribuir os seus dez pontos.

### Amplo consenso

- **Alinhar a produção com as necessidades de saúde pública** (prioridade 2) e **a harmonização regulamentar** (prioridade 6) reúnem o apoio mais amplo entre os diferentes grupos de partes interessadas.
- Muitos associam **a aquisição conjunta** (prioridade 1) à sobrevivência das fábricas regionais: sem encomendas previsíveis, a capacidade fica parada.

${q(0)}

### Onde as opiniões se dividem

- **O financiamento** (prioridade 8) é o tema que mais divide. Os fabricantes e as instituições financeiras veem o capital concessional de longo prazo como condição prévia para tudo o resto; os membros das comunidades e as organizações da sociedade civil perguntam quem beneficia e querem condições associadas.

${q(1)}

- **Os princípios ativos farmacêuticos** (prioridade 7) recebem mais votos «passar». Muitos participantes dizem não ter informação suficiente para avaliar, e vários perguntam que moléculas viriam primeiro.

### O que pedem as comunidades

Os membros das comunidades, os doentes e os profissionais de saúde querem um lugar onde as decisões são tomadas, reuniões nas suas próprias línguas e uma resposta pública ao que dizem.

${q(2)}

### Moderação

Alguns comentários foram ocultados por serem spam, ofensivos ou fora do tema. O registo público de moderação indica cada um deles e o motivo; ninguém é identificado.
`,
  ar: (q) => `## ملخص مرحلي: الأسابيع الأربعة الأولى

يغطي هذا الملخص الأصوات والتعليقات الواردة منذ افتتاح المشاورة حتى 27 تشرين الأول/أكتوبر 2026. وقد شارك فيها أشخاص من مختلف أنحاء أفريقيا وخارجها، بثماني لغات. ولا تزال المشاورة مفتوحة: ما زال بإمكانك التصويت أو التعليق أو توزيع نقاطك العشر.

### توافق واسع

- تحظى **مواءمة التصنيع مع احتياجات الصحة العامة** (الأولوية 2) و**المواءمة التنظيمية** (الأولوية 6) بأوسع تأييد لدى مختلف فئات أصحاب المصلحة.
- يربط كثيرون بين **الشراء المجمّع** (الأولوية 1) وبقاء المصانع الإقليمية: فمن دون طلبيات يمكن التنبؤ بها تبقى الطاقة الإنتاجية معطّلة.

${q(0)}

### حيث تتباين الآراء

- **التمويل** (الأولوية 8) هو أكثر المواضيع إثارة للانقسام. يرى المصنّعون والمؤسسات المالية أن رأس المال الميسّر طويل الأجل شرط مسبق لكل ما عداه، في حين يتساءل أفراد المجتمعات المحلية ومنظمات المجتمع المدني عمّن يستفيد ويطالبون بربط التمويل بشروط.

${q(1)}

- تحصد **المكونات الصيدلانية الفعالة** (الأولوية 7) أكبر عدد من أصوات «تخطٍّ». يقول كثير من المشاركين إنهم يفتقرون إلى المعلومات اللازمة للحكم، ويسأل عدد منهم عن الجزيئات التي ستأتي أولاً.

### ما تطلبه المجتمعات المحلية

يريد أفراد المجتمعات المحلية والمرضى والعاملون الصحيون مقعداً حيث تُتخذ القرارات، واجتماعات بلغاتهم، ورداً علنياً على ما يقولونه.

${q(2)}

### الإشراف

أُخفيت بعض التعليقات لأنها رسائل مزعجة أو مسيئة أو خارجة عن الموضوع. ويبيّن سجل الإشراف العلني كل تعليق منها وسبب إخفائه، من دون ذكر أي اسم.
`,
  es: (q) => `## Resumen provisional: las cuatro primeras semanas

Este resumen recoge los votos y comentarios recibidos desde la apertura de la consulta hasta el 27 de octubre de 2026. Han participado personas de toda África y de fuera de ella, en ocho idiomas. La consulta sigue abierta: todavía está a tiempo de votar, comentar o repartir sus diez puntos.

### Amplio acuerdo

- **Alinear la fabricación con las necesidades de salud pública** (prioridad 2) y **la armonización regulatoria** (prioridad 6) reciben el apoyo más amplio entre los distintos grupos de actores.
- Muchos vinculan **las compras conjuntas** (prioridad 1) con la supervivencia de las fábricas regionales: sin pedidos previsibles, la capacidad queda ociosa.

${q(0)}

### Donde las opiniones se dividen

- **La financiación** (prioridad 8) es lo que más divide. Los fabricantes y las instituciones financieras consideran el capital concesional a largo plazo como condición previa para todo lo demás; los miembros de las comunidades y las organizaciones de la sociedad civil preguntan quién se beneficia y piden condiciones.

${q(1)}

- **Los principios activos farmacéuticos** (prioridad 7) reciben más votos «paso». Muchos participantes dicen que les falta información para opinar, y varios preguntan qué moléculas irían primero.

### Lo que piden las comunidades

Los miembros de las comunidades, los pacientes y el personal sanitario quieren un lugar donde se toman las decisiones, reuniones en sus propios idiomas y una respuesta pública a lo que dicen.

${q(2)}

### Moderación

Algunos comentarios se ocultaron por ser spam, ofensivos o ajenos al tema. El registro público de moderación muestra cada uno y el motivo; no se nombra a nadie.
`,
  sw: (q) => `## Muhtasari wa awali: wiki nne za kwanza

Muhtasari huu unahusu kura na maoni yaliyopokelewa tangu kufunguliwa kwa mashauriano hadi tarehe 27 Oktoba 2026. Watu kutoka kila pembe ya Afrika na kwingineko wameshiriki, kwa lugha nane. Mashauriano bado yako wazi: bado unaweza kupiga kura, kutoa maoni au kugawa pointi zako kumi.

### Makubaliano mapana

- **Kuoanisha utengenezaji na mahitaji ya afya ya umma** (kipaumbele cha 2) na **uoanishaji wa udhibiti** (kipaumbele cha 6) vinaungwa mkono zaidi katika makundi mbalimbali ya wadau.
- Wengi wanahusisha **ununuzi wa pamoja** (kipaumbele cha 1) na uhai wa viwanda vya kikanda: bila oda zinazotabirika, uwezo wa uzalishaji unabaki bila kutumika.

${q(0)}

### Maeneo ambayo maoni yanatofautiana

- **Ufadhili** (kipaumbele cha 8) ndio unaowagawa washiriki zaidi. Watengenezaji na taasisi za fedha wanaona mtaji nafuu wa muda mrefu kuwa sharti la kila kitu kingine; wanajamii na asasi za kiraia wanauliza nani anafaidika na wanataka masharti yawekwe.

${q(1)}

- **Viambato hai vya dawa** (kipaumbele cha 7) vimepata kura nyingi zaidi za "ruka". Washiriki wengi wanasema hawana taarifa za kutosha kuamua, na kadhaa wanauliza ni molekuli zipi zitaanza.

### Kile ambacho jamii zinaomba

Wanajamii, wagonjwa na wahudumu wa afya wanataka nafasi pale maamuzi yanapofanywa, mikutano kwa lugha zao, na jibu la wazi kwa kile wanachosema.

${q(2)}

### Usimamizi wa maoni

Maoni machache yamefichwa kwa kuwa barua taka, matusi au nje ya mada. Kumbukumbu ya wazi ya usimamizi inaonyesha kila moja na sababu yake; hakuna mtu anayetajwa.
`,
  zh: (q) => `## 中期总结：前四周

本总结涵盖从咨询开始到2026年10月27日收到的投票和评论。来自非洲各地及其他地区的人们用八种语言参与了讨论。咨询仍在进行中：你仍然可以投票、评论或分配你的十分。

### 广泛共识

- **使生产与公共卫生需求相一致**（优先事项2）和**监管协调**（优先事项6）在各利益攸关方群体中获得最广泛的支持。
- 许多人把**联合采购**（优先事项1）与区域工厂的存亡联系在一起：没有可预测的订单，产能就会闲置。

${q(0)}

### 存在分歧之处

- **融资**（优先事项8）是分歧最大的议题。制造商和金融机构认为长期优惠资本是其他一切的前提；社区成员和民间社会组织则追问谁会受益，并要求附加条件。

${q(1)}

- **原料药**（优先事项7）获得的"跳过"票最多。许多参与者表示缺乏判断所需的信息，还有几位询问哪些分子会优先生产。

### 社区的诉求

社区成员、患者和卫生工作者希望在决策场合有一席之地，希望会议使用他们自己的语言，并希望他们的意见得到公开回应。

${q(2)}

### 内容审核

少数评论因属于垃圾信息、辱骂或离题而被隐藏。公开的审核日志列出了每一条及其原因，但不点名任何人。
`,
  ru: (q) => `## Промежуточное резюме: первые четыре недели

Это резюме охватывает голоса и комментарии, полученные с момента открытия консультации до 27 октября 2026 года. В ней приняли участие люди со всей Африки и из других регионов, на восьми языках. Консультация продолжается: ещё можно проголосовать, оставить комментарий или распределить свои десять баллов.

### Широкое согласие

- **Согласование производства с потребностями общественного здравоохранения** (приоритет 2) и **гармонизация регулирования** (приоритет 6) получают самую широкую поддержку среди разных групп заинтересованных сторон.
- Многие связывают **объединённые закупки** (приоритет 1) с выживанием региональных заводов: без предсказуемых заказов мощности простаивают.

${q(0)}

### Где мнения расходятся

- **Финансирование** (приоритет 8) вызывает больше всего разногласий. Производители и финансовые институты считают долгосрочный льготный капитал предварительным условием для всего остального; представители сообществ и организации гражданского общества спрашивают, кто от этого выиграет, и требуют условий.

${q(1)}

- По **активным фармацевтическим субстанциям** (приоритет 7) больше всего голосов «пропустить». Многие участники говорят, что им не хватает информации для оценки, а несколько человек спрашивают, какие молекулы будут первыми.

### Чего просят сообщества

Представители сообществ, пациенты и медицинские работники хотят иметь место там, где принимаются решения, встречи на своих языках и публичный ответ на то, что они говорят.

${q(2)}

### Модерация

Несколько комментариев скрыты как спам, оскорбления или не относящиеся к теме. В открытом журнале модерации указан каждый из них и причина; имена не называются.
`,
};

function buildSummaryMarkdown(): FullText {
  const entries = demoLocales.map((locale) => {
    const slot: QuoteSlot = (index) => quotePlaceholder(quotedCommentKeys[index]);
    return [locale, summaryTemplates[locale](slot)] as const;
  });
  return Object.fromEntries(entries) as Record<DemoLocale, string>;
}

export const demoSummary: { markdown: FullText; quotedCommentKeys: readonly string[] } = {
  markdown: buildSummaryMarkdown(),
  quotedCommentKeys,
};

// ───────────────────────────── the institution's answer ─────────────────────────────

export interface DemoCommitmentText {
  what: FullText;
  who: string;
  /** ISO date (YYYY-MM-DD). */
  dueOn: string;
  /** Status changes after the commitment was made, oldest first; the last one is the current status. */
  progress: readonly { to: "in_progress" | "done" | "dropped"; reason: string }[];
}

export const demoResponse: { title: FullText; body: FullText; commitments: readonly DemoCommitmentText[] } = {
  title: {
    en: "You said, we will: our response to the interim summary",
    fr: "Vous avez dit, nous ferons : notre réponse au résumé intermédiaire",
    pt: "Disseram-nos, vamos fazer: a nossa resposta ao resumo intercalar",
    ar: "قلتم، وسنفعل: ردّنا على الملخص المرحلي",
    es: "Ustedes dijeron, nosotros haremos: nuestra respuesta al resumen provisional",
    sw: "Mlisema, tutafanya: jibu letu kwa muhtasari wa awali",
    zh: "你们说了，我们来做：我们对中期总结的回应",
    ru: "Вы сказали — мы сделаем: наш ответ на промежуточное резюме",
  },
  body: {
    en: `Thank you to everyone who has taken part so far. We have read the interim summary and the comments behind it.

**You said** that factories stand idle because orders are small, late and unpredictable. **We will** publish a regional demand forecast for priority products and use it to prepare the first pooled tenders.

**You said** that communities are consulted but never hear what became of their views. **We will** set up a community advisory panel with seats for patient groups and civil society, and report publicly on each commitment below.

**You said** that access and intellectual property terms come too late in partnerships. **We will** publish a model technology-transfer agreement with access provisions, for public comment.

On financing, views are divided. We will not take a position before the consultation closes, but we note the request that public money come with conditions on price, supply and reporting.

We will update the status of each commitment on this page.`,
    fr: `Merci à toutes les personnes qui ont participé jusqu'ici. Nous avons lu le résumé intermédiaire et les commentaires sur lesquels il s'appuie.

**Vous avez dit** que les usines tournent au ralenti parce que les commandes sont petites, tardives et imprévisibles. **Nous publierons** une prévision régionale de la demande pour les produits prioritaires et nous l'utiliserons pour préparer les premiers appels d'offres groupés.

**Vous avez dit** que les communautés sont consultées mais n'apprennent jamais ce que deviennent leurs avis. **Nous créerons** un comité consultatif communautaire avec des sièges pour les associations de patients et la société civile, et nous rendrons compte publiquement de chacun des engagements ci-dessous.

**Vous avez dit** que les clauses d'accès et de propriété intellectuelle arrivent trop tard dans les partenariats. **Nous publierons** un modèle d'accord de transfert de technologie comprenant des clauses d'accès, soumis à commentaires publics.

Sur le financement, les avis sont partagés. Nous ne prendrons pas position avant la clôture de la consultation, mais nous prenons note de la demande que l'argent public soit assorti de conditions sur les prix, l'approvisionnement et la transparence.

Nous mettrons à jour l'état de chaque engagement sur cette page.`,
    pt: `Obrigado a todas as pessoas que participaram até agora. Lemos o resumo intercalar e os comentários em que se baseia.

**Disseram-nos** que as fábricas estão paradas porque as encomendas são pequenas, tardias e imprevisíveis. **Vamos** publicar uma previsão regional da procura de produtos prioritários e utilizá-la para preparar os primeiros concursos conjuntos.

**Disseram-nos** que as comunidades são consultadas, mas nunca sabem o que acontece às suas opiniões. **Vamos** criar um painel consultivo comunitário, com lugares para associações de doentes e para a sociedade civil, e prestar contas publicamente sobre cada um dos compromissos abaixo.

**Disseram-nos** que as cláusulas de acesso e de propriedade intelectual chegam demasiado tarde nas parcerias. **Vamos** publicar, para comentário público, um modelo de acordo de transferência de tecnologia com cláusulas de acesso.

Quanto ao financiamento, as opiniões dividem-se. Não tomaremos posição antes do encerramento da consulta, mas registamos o pedido de que o dinheiro público tenha condições quanto a preços, abastecimento e prestação de contas.

Atualizaremos o estado de cada compromisso nesta página.`,
    ar: `شكراً لكل من شارك حتى الآن. لقد قرأنا الملخص المرحلي والتعليقات التي استند إليها.

**قلتم** إن المصانع متوقفة لأن الطلبيات صغيرة ومتأخرة ولا يمكن التنبؤ بها. **وسوف** ننشر توقعات إقليمية للطلب على المنتجات ذات الأولوية ونستخدمها لإعداد أولى المناقصات المجمّعة.

**قلتم** إن المجتمعات المحلية تُستشار لكنها لا تعرف أبداً ما آلت إليه آراؤها. **وسوف** ننشئ فريقاً استشارياً مجتمعياً تُخصَّص فيه مقاعد لجمعيات المرضى والمجتمع المدني، وسنقدّم تقارير علنية عن كل التزام من الالتزامات الواردة أدناه.

**قلتم** إن شروط الإتاحة والملكية الفكرية تأتي متأخرة جداً في الشراكات. **وسوف** ننشر نموذجاً لاتفاق نقل التكنولوجيا يتضمن أحكام الإتاحة، ونعرضه للتعليق العام.

أما التمويل فالآراء حوله منقسمة. لن نتخذ موقفاً قبل اختتام المشاورة، لكننا نحيط علماً بالمطالبة بأن يقترن المال العام بشروط تتعلق بالأسعار والإمداد والإفصاح.

سنحدّث حالة كل التزام على هذه الصفحة.`,
    es: `Gracias a todas las personas que han participado hasta ahora. Hemos leído el resumen provisional y los comentarios en los que se basa.

**Ustedes dijeron** que las fábricas están paradas porque los pedidos son pequeños, tardíos e imprevisibles. **Publicaremos** una previsión regional de la demanda de productos prioritarios y la utilizaremos para preparar las primeras licitaciones conjuntas.

**Ustedes dijeron** que a las comunidades se las consulta, pero nunca saben qué pasa con sus opiniones. **Crearemos** un panel consultivo comunitario con puestos para asociaciones de pacientes y la sociedad civil, e informaremos públicamente sobre cada uno de los compromisos que figuran a continuación.

**Ustedes dijeron** que las cláusulas de acceso y de propiedad intelectual llegan demasiado tarde en las alianzas. **Publicaremos**, para comentario público, un modelo de acuerdo de transferencia de tecnología con cláusulas de acceso.

Sobre la financiación, las opiniones están divididas. No tomaremos posición antes del cierre de la consulta, pero tomamos nota de la petición de que el dinero público vaya acompañado de condiciones sobre precios, suministro y rendición de cuentas.

Actualizaremos el estado de cada compromiso en esta página.`,
    sw: `Asanteni nyote mlioshiriki hadi sasa. Tumesoma muhtasari wa awali na maoni ambayo umetokana nayo.

**Mlisema** kwamba viwanda vimesimama kwa sababu oda ni ndogo, zinachelewa na hazitabiriki. **Tutachapisha** makadirio ya kikanda ya mahitaji ya bidhaa za kipaumbele na kuyatumia kuandaa zabuni za kwanza za ununuzi wa pamoja.

**Mlisema** kwamba jamii hushauriwa lakini hazijui kamwe maoni yao yameishia wapi. **Tutaunda** jopo la ushauri la jamii lenye nafasi kwa vyama vya wagonjwa na asasi za kiraia, na tutatoa taarifa kwa umma kuhusu kila ahadi iliyo hapa chini.

**Mlisema** kwamba masharti ya upatikanaji na ya haki miliki huja kwa kuchelewa mno katika ubia. **Tutachapisha** mfano wa mkataba wa uhamishaji wa teknolojia wenye masharti ya upatikanaji, ili umma utoe maoni.

Kuhusu ufadhili, maoni yanatofautiana. Hatutachukua msimamo kabla ya mashauriano kufungwa, lakini tumezingatia ombi kwamba fedha za umma ziambatane na masharti kuhusu bei, ugavi na uwazi wa taarifa.

Tutasasisha hali ya kila ahadi kwenye ukurasa huu.`,
    zh: `感谢迄今为止参与的每一个人。我们已经阅读了中期总结及其所依据的评论。

**你们说**，工厂闲置是因为订单少、下得晚、难以预测。**我们将**发布优先产品的区域需求预测，并据此筹备首批联合招标。

**你们说**，社区常被征求意见，却从不知道这些意见后来怎样了。**我们将**设立一个社区咨询小组，为患者团体和民间社会保留席位，并就以下每一项承诺公开报告进展。

**你们说**，可及性和知识产权条款在合作中出现得太晚。**我们将**发布一份包含可及性条款的技术转让示范协议，公开征求意见。

关于融资，各方意见不一。在咨询结束之前我们不会表态，但我们注意到这样的要求：公共资金应在价格、供应和信息公开方面附加条件。

我们将在本页更新每项承诺的状态。`,
    ru: `Спасибо всем, кто уже принял участие. Мы прочитали промежуточное резюме и комментарии, на которых оно основано.

**Вы сказали**, что заводы простаивают, потому что заказы небольшие, поступают поздно и непредсказуемо. **Мы опубликуем** региональный прогноз спроса на приоритетную продукцию и используем его для подготовки первых совместных тендеров.

**Вы сказали**, что с сообществами советуются, но они так и не узнают, что стало с их мнением. **Мы создадим** общественный консультативный совет с местами для объединений пациентов и гражданского общества и будем публично отчитываться по каждому обязательству ниже.

**Вы сказали**, что условия доступа и интеллектуальной собственности появляются в партнёрствах слишком поздно. **Мы опубликуем** для общественного обсуждения типовое соглашение о передаче технологий с условиями доступа.

По вопросу финансирования мнения разделились. Мы не будем занимать позицию до закрытия консультации, но принимаем к сведению требование, чтобы государственные средства предоставлялись на условиях, касающихся цен, поставок и отчётности.

Мы будем обновлять статус каждого обязательства на этой странице.`,
  },
  commitments: [
    {
      what: {
        en: "Publish a regional demand forecast for priority vaccines and diagnostics, and use it to prepare the first pooled tenders.",
        fr: "Publier une prévision régionale de la demande de vaccins et de diagnostics prioritaires, et s'en servir pour préparer les premiers appels d'offres groupés.",
        pt: "Publicar uma previsão regional da procura de vacinas e meios de diagnóstico prioritários e utilizá-la para preparar os primeiros concursos conjuntos.",
        ar: "نشر توقعات إقليمية للطلب على اللقاحات ووسائل التشخيص ذات الأولوية، واستخدامها لإعداد أولى المناقصات المجمّعة.",
        es: "Publicar una previsión regional de la demanda de vacunas y pruebas diagnósticas prioritarias, y utilizarla para preparar las primeras licitaciones conjuntas.",
        sw: "Kuchapisha makadirio ya kikanda ya mahitaji ya chanjo na vipimo vya kipaumbele, na kuyatumia kuandaa zabuni za kwanza za ununuzi wa pamoja.",
        zh: "发布优先疫苗和诊断产品的区域需求预测，并据此筹备首批联合招标。",
        ru: "Опубликовать региональный прогноз спроса на приоритетные вакцины и средства диагностики и использовать его для подготовки первых совместных тендеров.",
      },
      who: "AHPA Market Shaping Unit",
      dueOn: "2027-03-31",
      progress: [
        { to: "in_progress", reason: "Data-sharing agreements signed with nine national procurement agencies." },
      ],
    },
    {
      what: {
        en: "Set up a community advisory panel, with seats for patient groups and civil society organisations, that reviews manufacturing and access strategies before they are adopted.",
        fr: "Créer un comité consultatif communautaire, avec des sièges pour les associations de patients et les organisations de la société civile, qui examine les stratégies de fabrication et d'accès avant leur adoption.",
        pt: "Criar um painel consultivo comunitário, com lugares para associações de doentes e organizações da sociedade civil, que analise as estratégias de produção e de acesso antes da sua adoção.",
        ar: "إنشاء فريق استشاري مجتمعي، تُخصَّص فيه مقاعد لجمعيات المرضى ومنظمات المجتمع المدني، يراجع استراتيجيات التصنيع والإتاحة قبل اعتمادها.",
        es: "Crear un panel consultivo comunitario, con puestos para asociaciones de pacientes y organizaciones de la sociedad civil, que examine las estrategias de fabricación y acceso antes de su adopción.",
        sw: "Kuunda jopo la ushauri la jamii, lenye nafasi kwa vyama vya wagonjwa na asasi za kiraia, litakalopitia mikakati ya utengenezaji na upatikanaji kabla haijapitishwa.",
        zh: "设立社区咨询小组，为患者团体和民间社会组织保留席位，在生产和可及性战略通过之前对其进行审议。",
        ru: "Создать общественный консультативный совет с местами для объединений пациентов и организаций гражданского общества, который будет рассматривать стратегии производства и доступа до их принятия.",
      },
      who: "AHPA Secretariat",
      dueOn: "2027-01-31",
      progress: [],
    },
    {
      what: {
        en: "Publish, for public comment, a model technology-transfer agreement that includes access provisions, IP terms and a regulatory pathway.",
        fr: "Publier, pour commentaires publics, un modèle d'accord de transfert de technologie comprenant des clauses d'accès, des conditions de propriété intellectuelle et une voie réglementaire.",
        pt: "Publicar, para comentário público, um modelo de acordo de transferência de tecnologia que inclua cláusulas de acesso, condições de propriedade intelectual e uma via regulamentar.",
        ar: "نشر نموذج لاتفاق نقل التكنولوجيا يتضمن أحكام الإتاحة وشروط الملكية الفكرية ومساراً تنظيمياً، وعرضه للتعليق العام.",
        es: "Publicar, para comentario público, un modelo de acuerdo de transferencia de tecnología que incluya cláusulas de acceso, condiciones de propiedad intelectual y una vía regulatoria.",
        sw: "Kuchapisha, ili umma utoe maoni, mfano wa mkataba wa uhamishaji wa teknolojia unaojumuisha masharti ya upatikanaji, masharti ya haki miliki na njia ya udhibiti.",
        zh: "发布一份技术转让示范协议，其中包含可及性条款、知识产权条款和监管路径，并公开征求意见。",
        ru: "Опубликовать для общественного обсуждения типовое соглашение о передаче технологий, включающее условия доступа, условия в сфере интеллектуальной собственности и регуляторный путь.",
      },
      who: "AHPA Legal and Regulatory Affairs",
      dueOn: "2027-06-30",
      progress: [],
    },
  ],
};

// ───────────────────────────── names for generated participants ─────────────────────────────

/** Given names by the language a participant prefers; an initial for the family name keeps them plausible but nobody's. */
export const demoGivenNames: Readonly<Record<DemoLocale, readonly string[]>> = {
  en: [
    "Chinedu",
    "Amaka",
    "Tunde",
    "Ngozi",
    "Kwame",
    "Akosua",
    "Kofi",
    "Efua",
    "Thandiwe",
    "Sipho",
    "Lerato",
    "Thabo",
    "Abebe",
    "Selam",
    "Tigist",
    "Dawit",
    "Grace",
    "Samuel",
    "Esther",
    "Joseph",
    "Mercy",
    "Emmanuel",
    "Ruth",
    "Peter",
  ],
  fr: [
    "Awa",
    "Moussa",
    "Fatou",
    "Ibrahima",
    "Aïcha",
    "Koffi",
    "Mariam",
    "Ousmane",
    "Aminata",
    "Serge",
    "Clarisse",
    "Jean-Paul",
    "Nadège",
    "Patrice",
    "Mamadou",
    "Khady",
    "Éloïse",
    "Thierry",
  ],
  pt: [
    "Joaquim",
    "Ana",
    "Celso",
    "Graça",
    "Nelson",
    "Luísa",
    "Tomás",
    "Esperança",
    "Armando",
    "Fátima",
    "Domingos",
    "Celeste",
  ],
  ar: ["يوسف", "نور", "فاطمة", "كريم", "سلمى", "عمر", "هناء", "محمد", "ليلى", "أحمد", "مريم", "خالد"],
  es: ["Teodoro", "Remedios", "Pilar", "Santiago", "Mercedes", "Lucía", "Marcelino", "Rosa", "Andrés", "Carmen"],
  sw: [
    "Wanjiru",
    "Baraka",
    "Neema",
    "Juma",
    "Zawadi",
    "Otieno",
    "Achieng",
    "Mwajuma",
    "Halima",
    "Kamau",
    "Rehema",
    "Hassani",
    "Imani",
    "Salim",
    "Faraji",
    "Nyokabi",
  ],
  zh: ["李伟", "王芳", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强"],
  ru: ["Анна", "Дмитрий", "Ольга", "Сергей", "Наталья", "Алексей", "Елена", "Игорь"],
};

/** Family-name initials per script; empty where a given name is already a full name (Chinese). */
export const demoInitials: Readonly<Record<DemoLocale, string>> = {
  en: "ABCDEGHKLMNOPRSTWY",
  fr: "BCDFGKMNOSTY",
  pt: "ACFGMNRST",
  ar: "أبحدرسعكمنه",
  es: "ABEGMNOR",
  sw: "ABHKMNOW",
  zh: "",
  ru: "АБВГДКЛМНПРСТ",
};
