import type { PageInput } from '../inputs.ts';

/**
 * Demo pages for the first Groundswell site (Partnership for Safety and
 * Justice), in English and Spanish. Facts come from PSJ's public home page;
 * the wording is our own. Sections use the same keys and kinds in both
 * languages so the views can lay them out alike.
 */

const homeEn: PageInput = {
  slug: 'home',
  locale: 'en',
  title: 'Partnership for Safety and Justice',
  description:
    'We work with advocates for public safety and justice systems that serve crime survivors, people convicted of crime, and the families of both.',
  bodyMd: '',
  sections: [
    {
      key: 'hero',
      kind: 'hero',
      heading: 'A new answer to harm: healing',
      bodyMd:
        'Partnership for Safety and Justice joins with advocates like you to create public safety and justice systems that truly work for survivors of crime, for people convicted of crime, and for the families and communities of both.',
      data: {},
    },
    {
      key: 'values-intro',
      kind: 'values-intro',
      heading: 'The public safety system we’re building values…',
      bodyMd: '',
      data: {},
    },
    {
      key: 'value-healing',
      kind: 'value',
      heading: 'Healing over handcuffs',
      bodyMd:
        'People in Oregon need a stable home, addiction treatment and mental health care. When someone is struggling, we push for housing and healing services, not arrests and jail cells.',
      data: {},
    },
    {
      key: 'value-accountability',
      kind: 'value',
      heading: 'Accountability for harm',
      bodyMd:
        'Survivors deserve accountability that means something. Punishment alone doesn’t make communities safer, so we back programs that stop violence, repair harm and support healing.',
      data: {},
    },
    {
      key: 'value-racial-justice',
      kind: 'value',
      heading: 'Racial justice and equity',
      bodyMd:
        'The system has hurt Black, Brown and Indigenous communities the most and helped them the least. Our solutions start from racial justice, so that every community can feel safe.',
      data: {},
    },
    {
      key: 'value-survivors',
      kind: 'value',
      heading: 'Crime survivors’ voices',
      bodyMd:
        'Many people harmed by crime never seek help from the justice system, especially Black and Brown survivors whose communities it targets most. We work to open more paths to restoration and healing.',
      data: {},
    },
    {
      key: 'value-families',
      kind: 'value',
      heading: 'Keeping families together',
      bodyMd:
        'Most incarcerated Oregonians are parents, and their children carry that trauma into adulthood. Solutions that keep families together build the bonds that make communities safer.',
      data: {},
    },
    {
      key: 'change-intro',
      kind: 'change-intro',
      heading: 'How we drive change',
      bodyMd:
        'We bring new solutions to how Oregon responds to harm and violence, rooted in accountability and racial equity, and in healing for everyone involved: survivors, people convicted of crime and their families.',
      data: {},
    },
    {
      key: 'pillar-power',
      kind: 'pillar',
      heading: 'Building power',
      bodyMd: 'Growing leaders from the grassroots to the grasstops.',
      data: {},
    },
    {
      key: 'pillar-system',
      kind: 'pillar',
      heading: 'Transforming the system',
      bodyMd: 'Winning state and local reforms, and seeing them through.',
      data: {},
    },
    {
      key: 'pillar-narrative',
      kind: 'pillar',
      heading: 'Changing the narrative',
      bodyMd: 'Lifting up the stories and voices that show the way forward.',
      data: {},
    },
    {
      key: 'impact',
      kind: 'impact',
      heading: 'Better outcomes for our communities',
      bodyMd:
        'Our reform work follows a shrink-and-invest approach. The policies we champion bring mass incarceration down, and our work has moved money into what builds real safety: services for crime survivors, treatment and restoration.',
      data: {
        figure: 'nearly $500 million',
        figureLabel: 'invested in services for crime survivors, treatment and restoration',
      },
    },
    {
      key: 'policies-teaser',
      kind: 'teaser',
      heading: 'The policies changing our systems',
      bodyMd: 'Take a closer look at the reforms we’re advancing in Oregon.',
      data: { href: '/policies', linkLabel: 'See our policy agenda' },
    },
    {
      key: 'testimonial',
      kind: 'testimonial',
      heading: '',
      bodyMd:
        'PSJ showed me how our justice system really works, and where it lets people down. I came to see how many of the people it touches have survived crime and have also caused harm themselves.',
      data: { attribution: 'A PSJ supporter' },
    },
    {
      key: 'newsletter-cta',
      kind: 'newsletter-cta',
      heading: 'Join the movement for safety and justice',
      bodyMd:
        'Get our newsletter to stay up to date on the policies we follow, chances to learn, and ways to take action.',
      data: {},
    },
    {
      key: 'petition-cta',
      kind: 'petition-cta',
      heading: 'Sign the petition',
      bodyMd: [
        'Across Oregon, people agree on a few basic truths about safety:',
        '',
        '- Everyone deserves to be safe and to live free from harm.',
        '- Anyone who is hurting should get what they need to heal.',
        '- People who own the harm they caused deserve a second chance.',
        '',
        'Our public safety and justice systems should live up to these values. Instead, they reach first for prison, punishment and cutting people off from the ones they love.',
      ].join('\n'),
      data: { href: '/petitions/safety-for-all', linkLabel: 'Read and sign the petition' },
    },
    {
      key: 'tips-teaser',
      kind: 'teaser',
      heading: 'Tips for talking about reform',
      bodyMd: 'Simple ways to have honest, respectful conversations about safety and justice.',
      data: { href: '/tips', linkLabel: 'Read the tips' },
    },
    {
      key: 'resources-teaser',
      kind: 'teaser',
      heading: 'Deepen your advocacy skills',
      bodyMd: 'Find research and information to strengthen your reform work where you live.',
      data: { href: '/resources', linkLabel: 'Browse the resource library' },
    },
  ],
};

const homeEs: PageInput = {
  slug: 'home',
  locale: 'es',
  title: 'Partnership for Safety and Justice',
  description:
    'Trabajamos con gente comprometida por sistemas de seguridad y justicia que sirvan a sobrevivientes, a personas condenadas y a sus familias.',
  bodyMd: '',
  sections: [
    {
      key: 'hero',
      kind: 'hero',
      heading: 'Una nueva respuesta al daño: la sanación',
      bodyMd:
        'Partnership for Safety and Justice se une con gente comprometida como tú para construir sistemas de seguridad pública y de justicia que de verdad funcionen para sobrevivientes de delitos, para personas condenadas por un delito y para las familias y comunidades de ambos.',
      data: {},
    },
    {
      key: 'values-intro',
      kind: 'values-intro',
      heading: 'El sistema de seguridad pública que estamos construyendo valora…',
      bodyMd: '',
      data: {},
    },
    {
      key: 'value-healing',
      kind: 'value',
      heading: 'Sanación en lugar de esposas',
      bodyMd:
        'En Oregón, la gente necesita una vivienda estable, tratamiento para las adicciones y atención de salud mental. Cuando alguien está sufriendo, luchamos por vivienda y servicios de sanación, no por arrestos ni cárcel.',
      data: {},
    },
    {
      key: 'value-accountability',
      kind: 'value',
      heading: 'Responsabilidad por el daño',
      bodyMd:
        'Las personas sobrevivientes merecen una rendición de cuentas que tenga sentido. El castigo por sí solo no hace más seguras a nuestras comunidades; por eso apoyamos programas que previenen la violencia, reparan el daño y ayudan a sanar.',
      data: {},
    },
    {
      key: 'value-racial-justice',
      kind: 'value',
      heading: 'Justicia racial y equidad',
      bodyMd:
        'El sistema ha lastimado más que a nadie a las comunidades negras, morenas e indígenas, y es a quienes menos ha ayudado. Nuestras soluciones parten de la justicia racial para que todas nuestras comunidades se sientan seguras.',
      data: {},
    },
    {
      key: 'value-survivors',
      kind: 'value',
      heading: 'La voz de las personas sobrevivientes',
      bodyMd:
        'Muchas víctimas nunca buscan ayuda en el sistema de justicia, sobre todo las personas negras y morenas, cuyas comunidades son las más perseguidas por ese mismo sistema. Trabajamos para abrir más caminos hacia la reparación y la sanación.',
      data: {},
    },
    {
      key: 'value-families',
      kind: 'value',
      heading: 'Mantener unidas a las familias',
      bodyMd:
        'La mayoría de las personas encarceladas en Oregón son madres o padres, y sus hijas e hijos cargan ese trauma hasta la adultez. Las soluciones que mantienen unidas a las familias fortalecen los lazos que hacen más seguras a nuestras comunidades.',
      data: {},
    },
    {
      key: 'change-intro',
      kind: 'change-intro',
      heading: 'Cómo impulsamos el cambio',
      bodyMd:
        'Traemos soluciones nuevas a la manera en que Oregón responde al daño y la violencia, basadas en la responsabilidad, la equidad racial y la sanación para sobrevivientes, personas condenadas y sus familias.',
      data: {},
    },
    {
      key: 'pillar-power',
      kind: 'pillar',
      heading: 'Construir poder',
      bodyMd: 'Formamos liderazgo desde las bases hasta los espacios donde se toman las decisiones.',
      data: {},
    },
    {
      key: 'pillar-system',
      kind: 'pillar',
      heading: 'Transformar el sistema',
      bodyMd: 'Impulsamos reformas estatales y locales, y nos aseguramos de que se cumplan.',
      data: {},
    },
    {
      key: 'pillar-narrative',
      kind: 'pillar',
      heading: 'Cambiar la narrativa',
      bodyMd: 'Las historias y las voces de nuestra gente marcan el camino.',
      data: {},
    },
    {
      key: 'impact',
      kind: 'impact',
      heading: 'Mejores resultados para nuestras comunidades',
      bodyMd:
        'Nuestro trabajo sigue una idea clara: reducir e invertir. Las políticas que impulsamos disminuyen el encarcelamiento masivo, y hemos logrado llevar recursos a lo que de verdad crea seguridad: servicios para sobrevivientes de delitos, tratamiento y reparación.',
      data: {
        figure: 'casi 500 millones de dólares',
        figureLabel: 'invertidos en servicios para sobrevivientes de delitos, tratamiento y reparación',
      },
    },
    {
      key: 'policies-teaser',
      kind: 'teaser',
      heading: 'Las políticas que están cambiando nuestros sistemas',
      bodyMd: 'Conoce de cerca las reformas que estamos impulsando en Oregón.',
      data: { href: '/policies', linkLabel: 'Ver nuestra agenda de políticas' },
    },
    {
      key: 'testimonial',
      kind: 'testimonial',
      heading: '',
      bodyMd:
        'Gracias a PSJ entendí cómo funciona de verdad nuestro sistema de justicia y en qué les falla a las personas. Me di cuenta de cuántas de las personas que pasan por él han sufrido un delito y, a la vez, han causado daño.',
      data: { attribution: 'Una persona que apoya a PSJ' },
    },
    {
      key: 'newsletter-cta',
      kind: 'newsletter-cta',
      heading: 'Únete al movimiento por la seguridad y la justicia',
      bodyMd:
        'Suscríbete a nuestro boletín y entérate de las políticas que seguimos, las oportunidades para aprender y las maneras de pasar a la acción.',
      data: {},
    },
    {
      key: 'petition-cta',
      kind: 'petition-cta',
      heading: 'Firma la petición',
      bodyMd: [
        'En todo Oregón, la gente coincide en algunas ideas básicas sobre la seguridad:',
        '',
        '- Todas las personas merecen estar seguras y vivir libres de daño.',
        '- Quien está sufriendo debe tener lo que necesita para sanar.',
        '- Quien asume la responsabilidad por el daño que causó merece una segunda oportunidad.',
        '',
        'Nuestros sistemas de seguridad pública y de justicia deberían guiarse por estos valores. En cambio, su primera respuesta suele ser la cárcel, el castigo y alejar a las personas de sus seres queridos.',
      ].join('\n'),
      data: { href: '/petitions/safety-for-all', linkLabel: 'Lee y firma la petición' },
    },
    {
      key: 'tips-teaser',
      kind: 'teaser',
      heading: 'Consejos para hablar sobre la reforma',
      bodyMd: 'Ideas sencillas para tener conversaciones honestas y respetuosas sobre seguridad y justicia.',
      data: { href: '/tips', linkLabel: 'Lee los consejos' },
    },
    {
      key: 'resources-teaser',
      kind: 'teaser',
      heading: 'Fortalece tu trabajo como activista',
      bodyMd: 'Encuentra investigaciones e información que apoyen tu trabajo por la reforma en tu comunidad.',
      data: { href: '/resources', linkLabel: 'Explora la biblioteca de recursos' },
    },
  ],
};

const tipsEn: PageInput = {
  slug: 'tips',
  locale: 'en',
  title: 'Tips for talking about reform',
  description:
    'Practical tips for respectful, honest conversations about public safety and the justice system, even when you disagree.',
  bodyMd:
    'Talking about trauma and violence with someone who sees things differently can stir up strong feelings. These tips can help you have better conversations about public safety and the justice system.',
  sections: [
    {
      key: 'tip-listen',
      kind: 'tip',
      heading: 'Listen to understand, not to respond',
      bodyMd:
        'Give the other person your full attention instead of planning your reply. Respect for their point of view is what closes the distance between you. Ask questions, and let them finish.',
      data: {},
    },
    {
      key: 'tip-shared-values',
      kind: 'tip',
      heading: 'Connect with shared values',
      bodyMd:
        'Start from the ground you already share, like wanting your family to be safe or believing people can change. From there, the harder parts are easier to talk through.',
      data: {},
    },
    {
      key: 'tip-experience',
      kind: 'tip',
      heading: 'Share your own experience',
      bodyMd:
        'If you feel comfortable, talk about how these issues have touched your life, then ask about theirs. A personal story can reach people in ways facts alone can’t.',
      data: {},
    },
    {
      key: 'tip-concerns',
      kind: 'tip',
      heading: 'Explain your concerns with the system',
      bodyMd:
        'Link the problems you see to the values you both hold, such as racial equity and second chances. Be specific about what worries you and why.',
      data: {},
    },
    {
      key: 'tip-answers',
      kind: 'tip',
      heading: 'It’s okay not to have all the answers',
      bodyMd:
        'You don’t need to be a policy expert. Simply asking why things are done the way they are is powerful in itself. If you don’t know something, say so and offer to find out.',
      data: {},
    },
    {
      key: 'tip-minds',
      kind: 'tip',
      heading: 'Don’t expect to change minds',
      bodyMd:
        'People rarely change their view in a single conversation. Sharing how you see things can plant a seed for later talks, so focus on keeping the door open.',
      data: {},
    },
    {
      key: 'boundaries',
      kind: 'note',
      heading: 'Know your limits',
      bodyMd:
        'Disagreeing about policy is one thing; offensive or hurtful speech is another. You can set boundaries and step away from any conversation that is causing harm. Taking care of yourself matters too.',
      data: {},
    },
  ],
};

const tipsEs: PageInput = {
  slug: 'tips',
  locale: 'es',
  title: 'Consejos para hablar sobre la reforma',
  description:
    'Consejos prácticos para conversar con respeto y honestidad sobre la seguridad pública y el sistema de justicia, aunque no estén de acuerdo.',
  bodyMd:
    'Hablar de trauma y violencia con alguien que piensa distinto puede remover muchas emociones. Estos consejos te pueden ayudar a conversar mejor sobre la seguridad pública y el sistema de justicia.',
  sections: [
    {
      key: 'tip-listen',
      kind: 'tip',
      heading: 'Escucha para entender, no para responder',
      bodyMd:
        'Pon toda tu atención en la otra persona en lugar de pensar en lo que vas a contestar. El respeto por su punto de vista es lo que acorta la distancia entre ustedes. Haz preguntas y déjala terminar.',
      data: {},
    },
    {
      key: 'tip-shared-values',
      kind: 'tip',
      heading: 'Busca los valores que comparten',
      bodyMd:
        'Empieza por lo que ya tienen en común, como querer que su familia esté segura o creer que la gente puede cambiar. Desde ahí es más fácil hablar de los temas difíciles.',
      data: {},
    },
    {
      key: 'tip-experience',
      kind: 'tip',
      heading: 'Comparte tu propia experiencia',
      bodyMd:
        'Si te sientes en confianza, cuenta cómo estos temas han tocado tu vida y pregúntale por la suya. Una historia personal muchas veces llega adonde los datos no alcanzan.',
      data: {},
    },
    {
      key: 'tip-concerns',
      kind: 'tip',
      heading: 'Explica lo que te preocupa del sistema',
      bodyMd:
        'Relaciona los problemas que ves con los valores que comparten, como la equidad racial y las segundas oportunidades. Habla con claridad: di qué te preocupa y por qué.',
      data: {},
    },
    {
      key: 'tip-answers',
      kind: 'tip',
      heading: 'Está bien no tener todas las respuestas',
      bodyMd:
        'No hace falta saberlo todo sobre políticas públicas. Con solo preguntar por qué las cosas se hacen así, ya estás haciendo algo poderoso. Si no sabes algo, dilo con tranquilidad y ofrece averiguarlo.',
      data: {},
    },
    {
      key: 'tip-minds',
      kind: 'tip',
      heading: 'No esperes cambiar opiniones',
      bodyMd:
        'Es raro que alguien cambie de parecer en una sola plática. Compartir tu punto de vista puede sembrar una semilla para conversaciones futuras, así que lo importante es dejar la puerta abierta.',
      data: {},
    },
    {
      key: 'boundaries',
      kind: 'note',
      heading: 'Conoce tus límites',
      bodyMd:
        'No es lo mismo estar en desacuerdo sobre una política que escuchar comentarios ofensivos o dañinos. Tienes derecho a poner límites y a retirarte de una conversación que te hace daño. Cuidarte también es importante.',
      data: {},
    },
  ],
};

const aboutEn: PageInput = {
  slug: 'about',
  locale: 'en',
  title: 'About us',
  description:
    'Partnership for Safety and Justice works with advocates to transform how Oregon responds to harm, with accountability, racial equity and healing.',
  bodyMd: '',
  sections: [
    {
      key: 'who-we-are',
      kind: 'text',
      heading: 'Who we are',
      bodyMd:
        'Partnership for Safety and Justice (PSJ) is an Oregon nonprofit. Together with advocates, we are reshaping public safety and the justice system so they truly serve the people affected by harm, and answer that harm with healing.',
      data: {},
    },
    {
      key: 'who-we-serve',
      kind: 'text',
      heading: 'Who we bring together',
      bodyMd: [
        'Our work brings together people who are often kept apart:',
        '',
        '- survivors of crime;',
        '- people convicted of crime;',
        '- the families and communities of both.',
        '',
        'We stand for healing over handcuffs, accountability for harm, racial justice and equity, the voices of crime survivors, and keeping families together.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'how-we-work',
      kind: 'text',
      heading: 'Shrink and invest',
      bodyMd:
        'We call our approach to reform shrink and invest: we push for policies that cut mass incarceration, and we direct resources toward what helps people heal. This work has put nearly $500 million into survivor services, treatment and restoration.',
      data: {},
    },
    {
      key: 'get-involved',
      kind: 'text',
      heading: 'How change happens',
      bodyMd: [
        'We drive change in three ways:',
        '',
        '- **Building power:** developing leaders from the grassroots to the grasstops.',
        '- **Transforming the system:** advancing state and local reforms and putting them into practice.',
        '- **Changing the narrative:** letting stories and voices lead the way.',
        '',
        'You can be part of it: sign up for our newsletter, add your name to the petition, and talk with the people around you about safety and justice.',
      ].join('\n'),
      data: {},
    },
  ],
};

const aboutEs: PageInput = {
  slug: 'about',
  locale: 'es',
  title: 'Quiénes somos',
  description:
    'Partnership for Safety and Justice trabaja con activistas para transformar cómo responde Oregón al daño, con responsabilidad, equidad racial y sanación.',
  bodyMd: '',
  sections: [
    {
      key: 'who-we-are',
      kind: 'text',
      heading: 'Nuestra organización',
      bodyMd:
        'Partnership for Safety and Justice (PSJ) es una organización sin fines de lucro de Oregón. Junto con gente comprometida, estamos transformando la seguridad pública y el sistema de justicia para que de verdad sirvan a las personas afectadas por el daño, y respondan a ese daño con sanación.',
      data: {},
    },
    {
      key: 'who-we-serve',
      kind: 'text',
      heading: 'A quiénes reunimos',
      bodyMd: [
        'Nuestro trabajo une a personas que muchas veces el sistema mantiene separadas:',
        '',
        '- sobrevivientes de delitos;',
        '- personas condenadas por un delito;',
        '- las familias y comunidades de ambos.',
        '',
        'Defendemos la sanación en lugar de las esposas, la responsabilidad por el daño, la justicia racial y la equidad, la voz de las personas sobrevivientes y la unidad de las familias.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'how-we-work',
      kind: 'text',
      heading: 'Reducir e invertir',
      bodyMd:
        'Nuestra propuesta de reforma se resume en reducir e invertir: promovemos políticas que disminuyen el encarcelamiento masivo y destinamos recursos a lo que ayuda a sanar. Este trabajo ha llevado casi 500 millones de dólares a servicios para sobrevivientes, tratamiento y reparación.',
      data: {},
    },
    {
      key: 'get-involved',
      kind: 'text',
      heading: 'Cómo logramos el cambio',
      bodyMd: [
        'Impulsamos el cambio de tres maneras:',
        '',
        '- **Construir poder:** formamos liderazgo desde las bases hasta los espacios donde se toman las decisiones.',
        '- **Transformar el sistema:** impulsamos reformas estatales y locales y las llevamos a la práctica.',
        '- **Cambiar la narrativa:** dejamos que las historias y las voces de nuestra gente marquen el camino.',
        '',
        'Tú también puedes ser parte: suscríbete a nuestro boletín, firma la petición y platica con la gente a tu alrededor sobre seguridad y justicia.',
      ].join('\n'),
      data: {},
    },
  ],
};

const privacyEn: PageInput = {
  slug: 'privacy',
  locale: 'en',
  title: 'Privacy notice',
  description:
    'What this site collects, why, how long we keep it, and how to use your rights under the Oregon Consumer Privacy Act.',
  bodyMd: 'Last updated: 4 December 2026',
  sections: [
    {
      key: 'summary',
      kind: 'text',
      heading: 'The short version',
      bodyMd: [
        '- We collect only what we need to keep you informed and to run our campaigns.',
        '- We never sell your data or share it for advertising.',
        '- This site has no trackers and loads no third-party scripts, fonts or analytics.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'what-we-collect',
      kind: 'text',
      heading: 'What we collect',
      bodyMd: [
        '- **Newsletter sign-up:** your name, email address, language and the topics you choose, plus your ZIP code if you decide to give it.',
        '- **Petition signatures:** your name, email address and ZIP code. Your street address and a comment are optional.',
        '- **Technical data:** your IP address, used briefly to protect the site from abuse (rate limiting). We never store the address itself. When you sign a petition, we keep a keyed hash of it with your signature (a code that cannot be turned back into the address) for at most {{signing-ip-hours}} hours, to spot floods of fake signatures.',
        '- **Cookies:** one remembers your language choice and one protects our forms against forgery. If you followed a link from one of our campaigns, one more remembers which campaign until you sign up or for {{campaign-cookie-days}} days. Staff who sign in also get a sign-in cookie. None of them follows you to other sites.',
        '- **Server logs:** kept to run the site, and they leave out personal data.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'why',
      kind: 'text',
      heading: 'Why we use it',
      bodyMd: [
        'We use your information only to:',
        '',
        '- send you what you asked for, such as the newsletter or event updates;',
        '- count petition signatures and deliver them;',
        '- protect the site from abuse.',
        '',
        'We rely on your consent, and you can withdraw it at any time, for example by unsubscribing.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'sharing',
      kind: 'text',
      heading: 'Who we share it with',
      bodyMd: [
        '- When you sign a petition, we deliver it to the legislators it addresses, with only the details they need.',
        '- Our email provider and our hosting provider act as our processors: they handle data on our behalf and follow our instructions.',
        '- We never sell your data.',
        '- We will disclose information if the law requires us to.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'retention',
      kind: 'text',
      heading: 'How long we keep it',
      bodyMd: [
        '- **Sign-ups and petition signatures you never confirm:** deleted after {{unconfirmed-days}} days.',
        '- **The keyed hash of your IP address kept with a petition signature:** deleted within {{signing-ip-hours}} hours.',
        '- **Your supporter record and confirmed signatures:** kept until you ask us to delete them.',
        '',
        'You can delete your record yourself at any time from the preferences link at the bottom of our newsletters, or ask us to.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'your-rights',
      kind: 'text',
      heading: 'Your rights',
      bodyMd: [
        'Under the Oregon Consumer Privacy Act, you have the right to:',
        '',
        '- confirm whether we process your personal data;',
        '- get a copy of it in a portable format;',
        '- correct it if it is wrong;',
        '- delete it;',
        '- get a list of the specific third parties we have disclosed it to;',
        '- opt out of targeted advertising, the sale of your data and profiling. We don’t do any of these.',
        '',
        'We answer within 45 days. If we need more time, we may extend that once by another 45 days, and we will tell you why. If we decline a request, we will explain our reasons.',
        '',
        'Requests are free of charge up to once a year. If we decline, you can appeal our decision, and if you are still not satisfied, you can contact the Oregon Department of Justice.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'how-to',
      kind: 'text',
      heading: 'How to use your rights',
      bodyMd: [
        '- To change your subscriptions or unsubscribe, use the preferences link at the bottom of every newsletter and alert we send.',
        '- For anything else, write to the contact address shown in the site footer with the subject “Privacy request”.',
        '- We may verify your identity by email before acting on your request.',
        '- An authorized agent may make a request on your behalf.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'children',
      kind: 'text',
      heading: 'Children',
      bodyMd: 'This site is not directed at children under 13, and we do not knowingly collect their data.',
      data: {},
    },
    {
      key: 'changes',
      kind: 'text',
      heading: 'Changes to this notice',
      bodyMd:
        'When we change this notice, we post the new version here with its date. If a change is significant, we also let subscribers know by email.',
      data: {},
    },
  ],
};

const privacyEs: PageInput = {
  slug: 'privacy',
  locale: 'es',
  title: 'Aviso de privacidad',
  description:
    'Qué datos recopila este sitio, para qué, cuánto tiempo los guardamos y cómo ejercer tus derechos según la ley de privacidad de Oregón.',
  bodyMd: 'Última actualización: 4 de diciembre de 2026',
  sections: [
    {
      key: 'summary',
      kind: 'text',
      heading: 'En pocas palabras',
      bodyMd: [
        '- Solo recopilamos lo necesario para mantenerte al tanto y llevar a cabo nuestras campañas.',
        '- Nunca vendemos tus datos ni los compartimos con fines publicitarios.',
        '- Este sitio no tiene rastreadores y no carga scripts, fuentes ni herramientas de analítica de terceros.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'what-we-collect',
      kind: 'text',
      heading: 'Qué datos recopilamos',
      bodyMd: [
        '- **Inscripción al boletín:** tu nombre, correo electrónico, idioma y los temas que elijas, y tu código postal si decides darlo.',
        '- **Firmas de peticiones:** tu nombre, correo electrónico y código postal. Tu dirección y un comentario son opcionales.',
        '- **Datos técnicos:** tu dirección IP, que usamos por poco tiempo para proteger el sitio contra abusos (limitando el número de solicitudes). Nunca guardamos la dirección en sí. Cuando firmas una petición, guardamos con tu firma un código cifrado a partir de ella (que no permite recuperar la dirección) durante {{signing-ip-hours}} horas como máximo, para detectar avalanchas de firmas falsas.',
        '- **Cookies:** una recuerda el idioma que elegiste y otra protege nuestros formularios contra falsificaciones. Si llegaste por un enlace de una de nuestras campañas, otra recuerda de qué campaña hasta que te inscribas o durante {{campaign-cookie-days}} días. El personal que inicia sesión recibe además una cookie de sesión. Ninguna te sigue a otros sitios.',
        '- **Registros del servidor:** los usamos para el funcionamiento del sitio y no incluyen datos personales.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'why',
      kind: 'text',
      heading: 'Para qué los usamos',
      bodyMd: [
        'Usamos tu información solo para:',
        '',
        '- enviarte lo que pediste, como el boletín o novedades de un evento;',
        '- contar las firmas de las peticiones y entregarlas;',
        '- proteger el sitio contra abusos.',
        '',
        'La base legal es tu consentimiento, y puedes retirarlo cuando quieras, por ejemplo, al darte de baja.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'sharing',
      kind: 'text',
      heading: 'Con quién los compartimos',
      bodyMd: [
        '- Cuando firmas una petición, la entregamos a los legisladores a quienes va dirigida, solo con los datos necesarios.',
        '- Nuestro proveedor de correo electrónico y nuestro proveedor de alojamiento web actúan como encargados del tratamiento: manejan los datos por cuenta nuestra y siguiendo nuestras instrucciones.',
        '- Nunca vendemos tus datos.',
        '- Revelaremos información si la ley nos obliga a hacerlo.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'retention',
      kind: 'text',
      heading: 'Cuánto tiempo los guardamos',
      bodyMd: [
        '- **Inscripciones y firmas de peticiones que nunca se confirman:** se borran a los {{unconfirmed-days}} días.',
        '- **El código cifrado de tu dirección IP que se guarda con una firma:** se borra en un plazo de {{signing-ip-hours}} horas.',
        '- **Tu registro y tus firmas confirmadas:** los guardamos hasta que nos pidas borrarlos.',
        '',
        'Puedes borrar tu registro en cualquier momento desde el enlace de preferencias que aparece al final de nuestros boletines, o pedirnos que lo hagamos.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'your-rights',
      kind: 'text',
      heading: 'Tus derechos',
      bodyMd: [
        'La Ley de Privacidad del Consumidor de Oregón (Oregon Consumer Privacy Act) te da derecho a:',
        '',
        '- confirmar si tratamos tus datos personales;',
        '- obtener una copia en un formato portátil, fácil de transferir;',
        '- corregirlos si tienen errores;',
        '- borrarlos;',
        '- recibir una lista de los terceros específicos a quienes se los hayamos revelado;',
        '- excluirte de la publicidad dirigida, la venta de tus datos y la elaboración de perfiles. Nosotros no hacemos nada de esto.',
        '',
        'Respondemos en un plazo de 45 días. Si necesitamos más tiempo, podemos extenderlo una sola vez por otros 45 días y te explicaremos por qué. Si rechazamos una solicitud, te diremos el motivo.',
        '',
        'Tus solicitudes son gratuitas hasta una vez al año. Si rechazamos tu solicitud, puedes apelar nuestra decisión, y si sigues sin estar conforme, puedes comunicarte con el Departamento de Justicia de Oregón.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'how-to',
      kind: 'text',
      heading: 'Cómo ejercer tus derechos',
      bodyMd: [
        '- Para cambiar tus suscripciones o darte de baja, usa el enlace de preferencias que aparece al final de cada boletín y aviso que te enviamos.',
        '- Para cualquier otra solicitud, escríbenos a la dirección de contacto que aparece al pie del sitio, con el asunto “Solicitud de privacidad” (o “Privacy request”).',
        '- Es posible que confirmemos tu identidad por correo electrónico antes de atender tu solicitud.',
        '- Puedes autorizar a otra persona para que haga la solicitud en tu nombre.',
      ].join('\n'),
      data: {},
    },
    {
      key: 'children',
      kind: 'text',
      heading: 'Niñas y niños',
      bodyMd: 'Este sitio no está dirigido a menores de 13 años y no recopilamos sus datos a sabiendas.',
      data: {},
    },
    {
      key: 'changes',
      kind: 'text',
      heading: 'Cambios a este aviso',
      bodyMd:
        'Cuando cambiemos este aviso, publicaremos aquí la nueva versión con su fecha. Si el cambio es importante, también lo avisaremos por correo electrónico a las personas suscritas.',
      data: {},
    },
  ],
};

export const demoPages: PageInput[] = [homeEn, homeEs, tipsEn, tipsEs, aboutEn, aboutEs, privacyEn, privacyEs];
