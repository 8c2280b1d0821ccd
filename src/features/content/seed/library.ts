import type { PolicyInput, ResourceInput, TopicInput } from '../inputs.ts';

/**
 * Demo content for the policy tracker and the research library, in English and
 * Spanish. Everything here is illustrative: the bills are invented and marked
 * `isDemo`, and one resource is English-only so the site's fallback can be seen.
 */

/** Joins blocks of Markdown with blank lines between them. */
const md = (...blocks: string[]): string => blocks.join('\n\n');
/** A Markdown bullet list. */
const list = (...items: string[]): string => items.map((item) => `- ${item}`).join('\n');

const policyNote = {
  en: '*Demo content: an illustrative policy, not a real bill.*',
  es: '*Contenido de demostración: una política ilustrativa, no un proyecto de ley real.*',
};
const resourceNote = {
  en: '*Demo content: an illustrative resource.*',
  es: '*Contenido de demostración: un recurso ilustrativo.*',
};

export const demoTopics: TopicInput[] = [
  { slug: 'survivor-services', names: { en: 'Survivor services', es: 'Apoyo a sobrevivientes' }, position: 0 },
  { slug: 'sentencing', names: { en: 'Sentencing', es: 'Sentencias y condenas' }, position: 1 },
  { slug: 'reentry', names: { en: 'Reentry', es: 'Reintegración' }, position: 2 },
  { slug: 'youth-justice', names: { en: 'Youth justice', es: 'Justicia juvenil' }, position: 3 },
  { slug: 'treatment-and-housing', names: { en: 'Treatment and housing', es: 'Tratamiento y vivienda' }, position: 4 },
  { slug: 'racial-equity', names: { en: 'Racial equity', es: 'Equidad racial' }, position: 5 },
];

export const demoPolicies: PolicyInput[] = [
  {
    slug: 'hb-3417-2025',
    billNumber: 'HB 3417',
    sessionYear: 2025,
    status: 'signed',
    position: 'support',
    isDemo: true,
    translations: {
      en: {
        title: 'Healing Services for Every Crime Survivor',
        summary:
          'Funds trauma-informed, community-based support for people harmed by crime, whether or not they ever reported it to police.',
        bodyMd: md(
          policyNote.en,
          '**What it does.** This bill creates a state grant program for community-based and culturally specific organizations that support crime survivors. Grants can pay for counseling, emergency shelter, help relocating, peer advocates, and short-term help with rent or lost wages. Survivors can get help without filing a police report or taking part in a prosecution.',
          '**Why it matters.** Many people who are harmed never go to the police. Some fear they won’t be believed, some know the person who hurt them, and many Black, Brown and Indigenous survivors have good reason to distrust the system. When support is tied to a criminal case, those survivors are left to recover on their own.',
          '**Our position: support.** Healing should not depend on whether a case was filed. Trusted local groups reach survivors the courts never see, and steady support after harm is one of the best ways to interrupt cycles of violence.',
          '**What you can do.** The bill has been signed, so the work now is making sure the money reaches the communities that need it most. Tell local survivor groups about the grants, ask your legislators to protect the funding in the next budget, and sign up for our updates.',
        ),
      },
      es: {
        title: 'Servicios de sanación para todas las personas sobrevivientes',
        summary:
          'Financia apoyo comunitario e informado sobre el trauma para las víctimas de delitos, sin importar si alguna vez pusieron una denuncia ante la policía.',
        bodyMd: md(
          policyNote.es,
          '**Qué hace.** Este proyecto crea un programa estatal de subvenciones para organizaciones comunitarias y culturalmente específicas que acompañan a sobrevivientes de delitos. Los fondos pueden cubrir terapia, refugio de emergencia, ayuda para mudarse a un lugar seguro, acompañantes de apoyo y ayuda temporal con la renta o con el sueldo perdido. Para recibir ayuda no hace falta haber puesto una denuncia ni participar en un juicio.',
          '**Por qué importa.** Muchas personas que sufren un delito nunca acuden a la policía. Algunas temen que no les crean, otras conocen a quien les hizo daño, y muchas víctimas negras, latinas e indígenas tienen buenas razones para desconfiar del sistema. Cuando el apoyo depende de un caso penal, esas personas se quedan solas para salir adelante.',
          '**Nuestra postura: a favor.** Sanar no debería depender de que exista un expediente. Los grupos locales de confianza llegan a sobrevivientes que los tribunales nunca ven, y el apoyo constante después de un daño es una de las mejores formas de romper los ciclos de violencia.',
          '**Qué puedes hacer.** El proyecto ya se firmó, así que ahora toca asegurarnos de que el dinero llegue a las comunidades que más lo necesitan. Cuéntales a los grupos de apoyo de tu zona sobre estas subvenciones, pídeles a tus legisladores que protejan los fondos en el próximo presupuesto y suscríbete a nuestras noticias.',
        ),
      },
    },
  },
  {
    slug: 'sb-1574-2026',
    billNumber: 'SB 1574',
    sessionYear: 2026,
    status: 'in-committee',
    position: 'support',
    isDemo: true,
    translations: {
      en: {
        title: 'Treatment and Housing Instead of Jail',
        summary:
          'Expands addiction treatment, recovery support and housing, and lets officers connect people with care instead of booking them into jail for low-level offenses tied to addiction or homelessness.',
        bodyMd: md(
          policyNote.en,
          '**What it does.** The bill adds funding for detox and residential treatment beds, peer recovery mentors and supportive housing. It lets police, prosecutors and courts refer people facing low-level charges linked to addiction or homelessness to a coordinator who helps them find treatment and a place to live, instead of sending them to jail. Counties would report back on how the program is working.',
          '**Why it matters.** A jail cell does not treat addiction or end homelessness. People often leave jail in worse shape than they went in: they may have lost a job, a shelter bed or their spot on a treatment waiting list. Getting people into care quickly is better for them, for their families and for the neighborhoods where they live.',
          '**Our position: support.** Oregonians who are suffering deserve real help, not an endless loop of arrest and release. This bill puts resources where they do the most good and keeps accountability focused on recovery.',
          '**What you can do.** Send written testimony to the Senate Judiciary Committee and call your state senator. If you or someone you love has been through recovery, consider sharing that story: lived experience is often the most convincing testimony a committee hears.',
        ),
      },
      es: {
        title: 'Tratamiento y vivienda en lugar de cárcel',
        summary:
          'Amplía el tratamiento para las adicciones, el apoyo en la recuperación y la vivienda, y permite conectar a las personas con servicios en vez de meterlas a la cárcel por delitos menores relacionados con la adicción o la falta de vivienda.',
        bodyMd: md(
          policyNote.es,
          '**Qué hace.** El proyecto aumenta los fondos para camas de desintoxicación y de tratamiento residencial, mentores de recuperación que vivieron lo mismo y vivienda con apoyo. También permite que la policía, la fiscalía y los tribunales refieran a quienes enfrentan cargos menores ligados a la adicción o a la falta de vivienda con una persona coordinadora que les ayude a conseguir tratamiento y un lugar donde vivir, en lugar de mandarlos a la cárcel. Los condados tendrían que informar cómo está funcionando el programa.',
          '**Por qué importa.** Una celda no cura una adicción ni resuelve la falta de vivienda. Muchas veces la gente sale de la cárcel peor de lo que entró: pierde el trabajo, su cama en el albergue o su lugar en la lista de espera para recibir tratamiento. Conectar a las personas con ayuda a tiempo es mejor para ellas, para sus familias y para sus vecindarios.',
          '**Nuestra postura: a favor.** Quienes están sufriendo merecen ayuda de verdad, no un ciclo interminable de arrestos. Este proyecto pone los recursos donde más sirven y enfoca la rendición de cuentas en la recuperación.',
          '**Qué puedes hacer.** Envía tu testimonio por escrito al Comité Judicial del Senado y llama a tu senador o senadora estatal. Si tú o alguien cercano ha pasado por un proceso de recuperación, considera compartir esa historia: las experiencias vividas suelen ser los testimonios que más convencen.',
        ),
      },
    },
  },
  {
    slug: 'hb-4120-2026',
    billNumber: 'HB 4120',
    sessionYear: 2026,
    status: 'passed-chamber',
    position: 'support',
    isDemo: true,
    translations: {
      en: {
        title: 'A Second Look at Long Sentences',
        summary:
          'Lets people who have served many years of a long prison sentence ask a judge to review it, while giving survivors a trauma-informed choice about whether and how to take part.',
        bodyMd: md(
          policyNote.en,
          '**What it does.** A person who has served a large share of a long sentence could ask the court that sentenced them for a review. The judge would weigh the person’s growth, their conduct while incarcerated, their age at the time of the offense and their plans for coming home. Survivors would be notified only if they have asked to be, and could share their views in person, in writing or through an advocate.',
          '**Why it matters.** People change, and a sentence handed down decades ago may no longer serve anyone’s safety. Long sentences fall hardest on Black and Indigenous Oregonians, and research generally finds that people become less likely to cause harm as they age. Today there is almost no way to revisit a sentence, no matter how much someone has transformed.',
          '**Our position: support.** Accountability and second chances can go together. We worked to make sure the bill respects survivors’ choices, funds victim services connected to each review and requires a real reentry plan before anyone is released.',
          '**What you can do.** The bill has passed the House and now moves to the Senate. Ask your state senator to vote yes, and join us at our next advocacy day to share why second chances matter to you.',
        ),
      },
      es: {
        title: 'Una segunda mirada a las condenas largas',
        summary:
          'Permite que quienes han cumplido muchos años de una condena larga le pidan a un juez que la revise, y les da a las víctimas la opción de decidir si participan y cómo, con un enfoque informado sobre el trauma.',
        bodyMd: md(
          policyNote.es,
          '**Qué hace.** Una persona que ya cumplió gran parte de una condena larga podría pedirle al tribunal que la sentenció que revise su caso. El juez tomaría en cuenta cómo ha cambiado, su conducta dentro de la prisión, la edad que tenía cuando cometió el delito y sus planes para regresar a la comunidad. A las víctimas solo se les avisaría si así lo pidieron, y podrían dar su opinión en persona, por escrito o a través de una persona de apoyo.',
          '**Por qué importa.** La gente cambia, y una sentencia dictada hace décadas puede que ya no le sirva a la seguridad de nadie. Las condenas largas afectan más a las personas negras e indígenas de Oregón, y en general los estudios indican que, con la edad, es menos probable que alguien vuelva a causar daño. Hoy casi no hay manera de revisar una condena, por mucho que la persona se haya transformado.',
          '**Nuestra postura: a favor.** La responsabilidad y las segundas oportunidades pueden ir de la mano. Trabajamos para que el proyecto respete las decisiones de las personas sobrevivientes, financie servicios para víctimas en cada revisión y exija un plan de reintegración real antes de que alguien salga en libertad.',
          '**Qué puedes hacer.** La Cámara de Representantes ya aprobó el proyecto y ahora pasa al Senado. Pídele a tu senador o senadora estatal que vote a favor, y acompáñanos en nuestro próximo día de abogacía en el Capitolio para contar por qué te importan las segundas oportunidades.',
        ),
      },
    },
  },
  {
    slug: 'sb-688-2025',
    billNumber: 'SB 688',
    sessionYear: 2025,
    status: 'failed',
    position: 'monitor',
    isDemo: true,
    translations: {
      en: {
        title: 'Keeping Parents and Children Connected',
        summary:
          'Would have expanded alternatives to prison for parents and improved contact with their children; we monitored it because the version introduced did not fund the services those alternatives depend on.',
        bodyMd: md(
          policyNote.en,
          '**What it does.** The bill would have let more parents facing a prison sentence serve it in the community instead, under supervision and with parenting classes, treatment and case management. It also asked the state to consider how far a prison is from a person’s children when deciding where they serve time, and to expand video calls and family-friendly visits.',
          '**Why it matters.** Many people in Oregon prisons are parents. When a parent is taken away, children can lose a caregiver, part of the family income and their sense of stability, and that trauma can follow them for years. Keeping families connected is good for kids and makes a successful return home more likely.',
          '**Our position: monitor.** We strongly support the goal. But the version that was introduced expanded the program without paying for the community services it relies on, and it narrowed eligibility in ways that would have left out many parents. We shared these concerns with the sponsors and followed the bill closely. It did not get a vote before the session ended.',
          '**What you can do.** A stronger version is being discussed for a future session. If your family has lived through a parent’s incarceration, we would love to hear from you. Sign up for updates so you know when the next bill is introduced.',
        ),
      },
      es: {
        title: 'Mantener unidos a padres, madres e hijos',
        summary:
          'Buscaba ampliar las alternativas a la prisión para padres y madres y mejorar el contacto con sus hijos; le dimos seguimiento porque la versión presentada no financiaba los servicios de los que dependen esas alternativas.',
        bodyMd: md(
          policyNote.es,
          '**Qué hace.** El proyecto habría permitido que más padres y madres que enfrentan una condena de prisión la cumplieran en la comunidad, bajo supervisión y con clases de crianza, tratamiento y manejo de casos. También le pedía al estado tomar en cuenta qué tan lejos queda la prisión de los hijos al decidir dónde cumple alguien su condena, y ampliar las videollamadas y las visitas pensadas para familias.',
          '**Por qué importa.** Muchas de las personas en las prisiones de Oregón son padres o madres. Cuando se llevan a uno de ellos, los niños pueden perder a quien los cuida, parte del ingreso de la casa y su estabilidad, y ese trauma puede acompañarlos durante años. Mantener a las familias conectadas es bueno para los niños y hace más probable que el regreso a casa salga bien.',
          '**Nuestra postura: en seguimiento.** Apoyamos plenamente el objetivo. Pero la versión presentada ampliaba el programa sin pagar los servicios comunitarios que necesita, y limitaba quién podía participar de una forma que habría dejado fuera a muchas familias. Compartimos estas preocupaciones con quienes patrocinaban el proyecto y lo seguimos de cerca. No llegó a votarse antes de que terminara la sesión.',
          '**Qué puedes hacer.** Se está hablando de una versión más sólida para una sesión futura. Si a tu familia le ha tocado vivir el encarcelamiento de un padre o una madre, nos encantaría escucharte. Suscríbete a nuestras noticias para enterarte cuando se presente el nuevo proyecto.',
        ),
      },
    },
  },
];

export const demoResources: ResourceInput[] = [
  {
    slug: 'what-survivors-told-us',
    type: 'report',
    publishedOn: '2024-05-14',
    topics: ['survivor-services', 'racial-equity'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'What Survivors Told Us: Safety, Healing and Being Heard',
        summary:
          'Findings from listening sessions with crime survivors across Oregon about what helped them heal, what stood in the way, and what safety means to them.',
        bodyMd: md(
          resourceNote.en,
          'Over several months we held small listening sessions with crime survivors in cities, small towns and rural counties, in English and Spanish. Participants included people harmed by assault, burglary and domestic abuse, and relatives of people who had been killed. Many had never reported what happened to police.',
          'The same themes came up again and again: a safe, stable place to live, counseling that respects their culture, help with bills after a crisis and, above all, being believed. Few said a longer prison sentence was what they needed most. Many wanted the person who harmed them to understand the damage and change, and some were curious about restorative justice and facilitated dialogue.',
          'The report closes with recommendations for lawmakers and local agencies: fund community-based survivor services that don’t require a police report, invest in violence prevention, and give survivors real choices about how accountability happens.',
        ),
      },
      es: {
        title: 'Lo que nos dijeron las personas sobrevivientes: seguridad, sanación y ser escuchadas',
        summary:
          'Resultados de conversaciones con sobrevivientes de delitos en todo Oregón sobre lo que les ayudó a sanar, los obstáculos que encontraron y lo que para ellas significa sentirse seguras.',
        bodyMd: md(
          resourceNote.es,
          'Durante varios meses organizamos pequeños círculos de escucha con sobrevivientes de delitos en ciudades, pueblos y zonas rurales, en inglés y en español. Participaron víctimas de agresiones, de robos a casa y de violencia doméstica, así como familiares de personas asesinadas. Muchas nunca le contaron a la policía lo que pasó.',
          'Hubo temas que salieron una y otra vez: un lugar seguro y estable donde vivir, terapia que respete su cultura, ayuda para pagar las cuentas después de una crisis y, sobre todo, que les creyeran. Pocas dijeron que lo que más necesitaban era una condena de prisión más larga. Muchas querían que la persona que les hizo daño entendiera el dolor que causó y cambiara, y algunas mostraron interés en la justicia restaurativa y en el diálogo acompañado por una persona facilitadora.',
          'El informe termina con recomendaciones para legisladores y agencias locales: financiar servicios comunitarios para víctimas que no exijan una denuncia policial, invertir en la prevención de la violencia y dar a las personas sobrevivientes opciones reales sobre cómo se hace justicia.',
        ),
      },
    },
  },
  {
    slug: 'testifying-at-the-oregon-legislature',
    type: 'guide',
    publishedOn: '2025-01-21',
    topics: ['survivor-services', 'sentencing'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'Your Voice at the Capitol: A Guide to Testifying at the Oregon Legislature',
        summary:
          'Step-by-step tips for sharing your story with lawmakers, whether you testify in person in Salem, join a hearing by video or send written comments.',
        bodyMd: md(
          resourceNote.en,
          'You don’t need to be a policy expert to testify. Legislators hear from lobbyists every day; what they hear less often is how a bill would change the life of someone in their district. Your experience as a survivor, a family member or someone who has been through the system is valuable testimony.',
          '**Before the hearing:** look up the bill on the Legislature’s website, check which committee is hearing it and when, and sign up to speak in person or by video. You can also submit written testimony instead; check the committee’s deadline. If you need interpretation or another accommodation, contact committee staff as early as you can.',
          '**When you speak:** address the chair, give your name, where you live and the bill number, and say whether you support or oppose it. Tell your story in two or three minutes, then make a clear ask, such as “Please vote yes.” It’s fine to read from notes, and it’s fine to get emotional.',
          '**Afterward:** send a short thank-you note to your own legislators, and let us know you testified so we can follow up together.',
        ),
      },
      es: {
        title: 'Tu voz en el Capitolio: guía para dar testimonio en la Legislatura de Oregón',
        summary:
          'Consejos paso a paso para compartir tu historia con los legisladores, ya sea en persona en Salem, por video o por escrito.',
        bodyMd: md(
          resourceNote.es,
          'No necesitas saber de leyes para dar tu testimonio. Los legisladores escuchan a cabilderos todos los días; lo que escuchan menos es cómo un proyecto de ley cambiaría la vida de alguien de su distrito. Tu experiencia como sobreviviente, como familiar o como alguien que ha pasado por el sistema vale mucho.',
          '**Antes de la audiencia:** busca el proyecto en el sitio web de la Legislatura, fíjate qué comité lo va a ver y cuándo, e inscríbete para hablar en persona o por video. Si prefieres, puedes mandar tu testimonio por escrito; revisa la fecha límite del comité. Si necesitas interpretación al español u otra adaptación, pídela al personal del comité lo antes posible.',
          '**Cuando te toque hablar:** dirígete a la presidencia del comité, di tu nombre, dónde vives y el número del proyecto, y si estás a favor o en contra. Cuenta tu historia en dos o tres minutos y termina con una petición clara, como “Por favor, voten a favor”. Está bien leer tus notas, y está bien si te emocionas.',
          '**Después:** mándales un mensaje corto de agradecimiento a tus legisladores y avísanos que diste tu testimonio para darle seguimiento juntos.',
        ),
      },
    },
  },
  {
    slug: 'shrink-and-invest',
    type: 'fact-sheet',
    publishedOn: '2023-09-12',
    topics: ['sentencing', 'survivor-services', 'treatment-and-housing'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'Shrink and Invest: A Smarter Path to Public Safety',
        summary:
          'A one-page explainer on our approach: rely less on prisons and jails, and put those resources into survivor services, treatment and restoration.',
        bodyMd: md(
          resourceNote.en,
          '**Shrink.** Oregon spends a great deal locking people up, yet incarceration rarely touches what drives harm in the first place: untreated addiction, mental illness, poverty and trauma. Sentencing reform, community supervision and diversion programs can safely reduce the number of people behind bars.',
          '**Invest.** The money saved shouldn’t vanish into the general fund. It should go to what actually makes communities safer: support for crime survivors, addiction and mental health treatment, stable housing, violence prevention and programs that help people repair harm and rebuild their lives.',
          'Shrink and invest isn’t about being “soft” or “tough.” It’s about being effective, and about measuring safety by whether people heal and harm is prevented, not by how many prison beds are filled.',
        ),
      },
      es: {
        title: 'Reducir e invertir: un camino más inteligente hacia la seguridad',
        summary:
          'Una hoja informativa sobre nuestro enfoque: depender menos de las cárceles y prisiones, e invertir esos recursos en servicios para sobrevivientes, tratamiento y reparación del daño.',
        bodyMd: md(
          resourceNote.es,
          '**Reducir.** Oregón gasta muchísimo dinero en encerrar a personas, pero la cárcel casi nunca ataca lo que provoca el daño desde el principio: adicciones sin tratar, enfermedades mentales, pobreza y trauma. Las reformas a las sentencias, la supervisión en la comunidad y los programas de desvío pueden reducir de manera segura el número de personas tras las rejas.',
          '**Invertir.** El dinero que se ahorra no debe perderse en el presupuesto general. Debe destinarse a lo que de verdad hace más seguras a nuestras comunidades: apoyo para las víctimas, tratamiento para adicciones y salud mental, vivienda estable, prevención de la violencia y programas que ayudan a reparar el daño y a rehacer la vida.',
          'Reducir e invertir no se trata de ser “blandos” o “duros”. Se trata de lo que funciona, y de medir la seguridad por cuántas personas sanan y cuánto daño se evita, no por cuántas camas se llenan en las prisiones.',
        ),
      },
    },
  },
  {
    slug: 'talking-with-family-about-reform',
    type: 'toolkit',
    publishedOn: '2025-11-04',
    topics: ['racial-equity', 'sentencing'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'Around the Table: A Toolkit for Talking with Family About Safety and Justice',
        summary:
          'Conversation starters, a values worksheet and practical advice for discussing crime, punishment and second chances with the people closest to you.',
        bodyMd: md(
          resourceNote.en,
          'Conversations about crime and punishment can get heated fast, especially over a holiday dinner. This toolkit is built for those moments. It starts from a simple idea: most of us want the same things, like safe neighborhoods, support for people who are hurting and a fair shot for people who have owned the harm they caused.',
          'Inside you’ll find a short worksheet to help you name your own values, open-ended questions to ask instead of arguing, and examples of how to link a personal story to a bigger point about racial equity or second chances. There are also ideas for what to say when you don’t know the answer (honesty works) and for when to step away from a conversation that has turned hurtful.',
          'The goal isn’t to win. A good conversation plants a seed, and people often come back to it weeks or months later.',
        ),
      },
      es: {
        title: 'En la mesa: herramientas para hablar con tu familia sobre seguridad y justicia',
        summary:
          'Preguntas para empezar la plática, una hoja de trabajo sobre valores y consejos prácticos para hablar del delito, el castigo y las segundas oportunidades con tus seres queridos.',
        bodyMd: md(
          resourceNote.es,
          'Hablar del crimen y del castigo puede ponerse tenso muy rápido, sobre todo en las reuniones familiares. Estas herramientas son para esos momentos. Parten de una idea sencilla: la mayoría queremos lo mismo, como barrios seguros, apoyo para quienes están sufriendo y una oportunidad justa para quien ya se hizo responsable del daño que causó.',
          'Aquí encontrarás una hoja de trabajo corta para identificar tus propios valores, preguntas abiertas para escuchar en lugar de discutir y ejemplos de cómo relacionar una experiencia personal con temas más amplios, como la equidad racial o las segundas oportunidades. También hay ideas sobre qué decir cuando no sabes la respuesta (la honestidad funciona) y sobre cuándo es mejor retirarte de una conversación que se volvió hiriente.',
          'La meta no es ganar la discusión. Una buena plática siembra una semilla, y muchas veces la gente vuelve a pensar en ella semanas o meses después.',
        ),
      },
    },
  },
  {
    slug: 'children-of-incarcerated-parents',
    type: 'fact-sheet',
    publishedOn: '2024-10-02',
    topics: ['youth-justice', 'reentry'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'When a Parent Is Incarcerated: What Children Face',
        summary:
          'A fact sheet on how a parent’s incarceration affects children, and on the policies that can keep families connected.',
        bodyMd: md(
          resourceNote.en,
          'When a mother or father goes to prison, their children serve a kind of sentence too. Kids may move in with grandparents or into foster care, change schools and lose part of the household income. Many carry grief, shame and anxiety, and research has linked a parent’s incarceration to lasting effects on children’s health and schooling.',
          'Some of what helps is simple: affordable phone and video calls, visiting rooms where children feel welcome, and placing parents in facilities a family can realistically reach. Other steps take policy change, such as sentencing alternatives that let parents stay home under supervision while they get treatment and support.',
          'Caregivers, often grandparents and other relatives, also need help with housing, child care, school and benefits paperwork. Supporting them is one of the most direct ways to support the child.',
        ),
      },
      es: {
        title: 'Cuando papá o mamá está en prisión: lo que viven los niños',
        summary:
          'Una hoja informativa sobre cómo afecta a los niños el encarcelamiento de su padre o su madre, y sobre las políticas que ayudan a mantener unida a la familia.',
        bodyMd: md(
          resourceNote.es,
          'Cuando una madre o un padre entra a prisión, sus hijos también cumplen una especie de condena. Muchos niños se van a vivir con los abuelos o a un hogar de crianza temporal, cambian de escuela y pierden parte del ingreso de la casa. Con frecuencia cargan con tristeza, vergüenza y ansiedad, y los estudios han relacionado el encarcelamiento de un padre o una madre con efectos duraderos en la salud y en la escuela.',
          'Algunas cosas que ayudan son sencillas: llamadas y videollamadas a precios accesibles, salas de visita donde los niños se sientan bienvenidos y prisiones a una distancia que la familia pueda recorrer. Otras requieren cambios en la ley, como alternativas a la prisión que permitan a padres y madres quedarse en casa bajo supervisión mientras reciben tratamiento y apoyo.',
          'Quienes cuidan a los niños, muchas veces abuelas, tías y otros familiares, también necesitan ayuda con la vivienda, el cuidado infantil, la escuela y los trámites de beneficios. Apoyarlos es una de las formas más directas de apoyar a los niños.',
        ),
      },
    },
  },
  {
    slug: 'coming-home-reentry-guide',
    type: 'guide',
    publishedOn: '2026-03-18',
    topics: ['reentry', 'treatment-and-housing'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'Coming Home: A Guide to Reentry Resources in Oregon',
        summary:
          'A practical checklist for the first weeks after release from prison or jail, covering ID, health coverage, housing, work and clearing your record.',
        bodyMd: md(
          resourceNote.en,
          'The first days after release can feel overwhelming. This guide breaks them into manageable steps, whether you are the one coming home or you are helping someone you love.',
          list(
            '**Paperwork first:** replace your ID, Social Security card and birth certificate, and keep copies somewhere safe.',
            '**Health care:** apply for the Oregon Health Plan so medical care, medication and addiction treatment continue without a gap.',
            '**Housing:** ask your supervision officer or a reentry program about transitional housing, and learn which landlords consider applicants with a record.',
            '**Work:** look for employers that practice fair-chance hiring, and for training programs that lead to real jobs.',
            '**Your record:** find out whether you qualify to have a conviction set aside, which can open doors to housing and employment.',
          ),
          'Peer mentors who have been through reentry themselves can make a real difference. Ask about mentorship programs in your county and lean on family and community. Nobody has to do this alone.',
        ),
      },
      es: {
        title: 'De regreso a casa: guía de recursos para la reintegración en Oregón',
        summary:
          'Una lista práctica para las primeras semanas después de salir de la prisión o la cárcel: identificación, seguro médico, vivienda, trabajo y cómo limpiar tus antecedentes.',
        bodyMd: md(
          resourceNote.es,
          'Los primeros días después de salir pueden sentirse abrumadores. Esta guía los divide en pasos manejables, ya sea que tú estés regresando a casa o que estés apoyando a un ser querido.',
          list(
            '**Primero, los documentos:** tramita otra vez tu identificación, tu tarjeta del Seguro Social y tu acta de nacimiento, y guarda copias en un lugar seguro.',
            '**Salud:** solicita el Oregon Health Plan (OHP) para que tu atención médica, tus medicamentos y tu tratamiento para adicciones sigan sin interrupciones.',
            '**Vivienda:** pregúntale a tu oficial de supervisión o a un programa de reintegración por vivienda de transición, y averigua qué dueños de vivienda aceptan solicitudes de personas con antecedentes.',
            '**Trabajo:** busca empleadores que den una oportunidad justa a personas con antecedentes y programas de capacitación que lleven a un empleo de verdad.',
            '**Tus antecedentes:** averigua si calificas para que se anule una condena de tu expediente; eso puede abrirte puertas para conseguir vivienda y trabajo.',
          ),
          'Los mentores que ya pasaron por este proceso pueden hacer una gran diferencia. Pregunta por programas de mentoría en tu condado y apóyate en tu familia y en tu comunidad. Nadie tiene que hacerlo solo.',
        ),
      },
    },
  },
  {
    // English only, on purpose: shows the site's fallback to English.
    slug: 'treatment-first-testimony',
    type: 'testimony',
    publishedOn: '2026-02-10',
    topics: ['treatment-and-housing'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'Testimony in Support of SB 1574: Treatment First, Not Jail',
        summary:
          'Written testimony to the Senate Judiciary Committee urging lawmakers to expand addiction treatment and housing as an alternative to jail.',
        bodyMd: md(
          resourceNote.en,
          'Chair and members of the committee: thank you for the chance to testify in support of SB 1574 on behalf of our members across Oregon, many of whom are survivors of crime, people in recovery, or both.',
          'We hear the same story from families again and again. Someone they love who is struggling with addiction gets arrested, spends a few nights in jail and walks out with nothing: no treatment bed, no housing, no plan. Within weeks the cycle starts over. Each time, that person is further from recovery and the neighborhood is no safer.',
          'SB 1574 offers a better path. By funding treatment beds, peer recovery mentors and supportive housing, and by giving officers and prosecutors a way to connect people with care instead of booking them into jail, it puts accountability where it belongs: on getting well and repairing harm. We urge you to pass SB 1574.',
        ),
      },
    },
  },
  {
    slug: 'circles-not-cells-video',
    type: 'video',
    publishedOn: '2023-06-27',
    topics: ['youth-justice', 'racial-equity'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'Circles, Not Cells: Young People and Restorative Justice',
        summary:
          'A short documentary following a youth restorative justice circle, from a nervous first meeting to an agreement to repair the harm.',
        bodyMd: md(
          resourceNote.en,
          'This short film follows a teenager who broke into a neighbor’s garage, the family who was harmed, and the trained facilitators who brought them together. Instead of a court date, everyone sat in a circle, talked about what happened and agreed on how to make things right.',
          'Along the way, teachers and youth advocates explain why schools and juvenile courts are turning to restorative justice, and how it can interrupt a path that too often pushes Black, Latino and Native youth out of the classroom and into the system.',
          'The video comes with discussion questions for classrooms, youth groups and community meetings, and Spanish subtitles are available.',
        ),
      },
      es: {
        title: 'Círculos, no celdas: la juventud y la justicia restaurativa',
        summary:
          'Un documental corto que acompaña un círculo de justicia restaurativa juvenil, desde una primera reunión llena de nervios hasta un acuerdo para reparar el daño.',
        bodyMd: md(
          resourceNote.es,
          'Este video corto sigue a un adolescente que se metió a robar al garaje de un vecino, a la familia afectada y a las personas facilitadoras que los reunieron. En lugar de ir a la corte, todos se sentaron en círculo, hablaron de lo que pasó y se pusieron de acuerdo sobre cómo reparar el daño.',
          'A lo largo del documental, maestros y defensores de la juventud explican por qué las escuelas y los tribunales de menores están recurriendo a la justicia restaurativa, y cómo esta puede frenar un camino que con demasiada frecuencia saca de la escuela a jóvenes afroamericanos, latinos e indígenas y los empuja hacia el sistema.',
          'El video incluye preguntas para conversar en el salón de clases, en grupos juveniles o en reuniones comunitarias, y está disponible con subtítulos en español.',
        ),
      },
    },
  },
  {
    slug: 'second-look-long-sentences',
    type: 'report',
    publishedOn: '2026-08-25',
    topics: ['sentencing', 'racial-equity', 'survivor-services'],
    url: null,
    filePath: null,
    isDemo: true,
    translations: {
      en: {
        title: 'A Second Look: Long Sentences, Growth and Public Safety',
        summary:
          'A report on people serving very long sentences in Oregon, what second-look review could look like, and how to build it around survivors’ needs.',
        bodyMd: md(
          resourceNote.en,
          'Sentences handed down in the 1990s and 2000s still shape who is in Oregon prisons today. This report brings together interviews with people serving long sentences, their families and crime survivors, along with a look at how other states have approached sentence review.',
          'Many of the people we interviewed have spent years earning degrees, mentoring younger people inside and taking part in accountability programs. Survivors’ views varied: some welcomed the idea of review, others had serious concerns, and nearly all said they wanted to be informed and supported rather than caught off guard.',
          'We recommend a second-look process that is opt-in and trauma-informed for survivors, requires a real reentry plan and tracks outcomes by race, so the reform helps close existing disparities instead of widening them.',
        ),
      },
      es: {
        title: 'Una segunda mirada: condenas largas, transformación y seguridad pública',
        summary:
          'Un informe sobre las personas que cumplen condenas muy largas en Oregón, cómo podría funcionar una revisión de sentencias y cómo diseñarla pensando en las necesidades de las víctimas.',
        bodyMd: md(
          resourceNote.es,
          'Las sentencias dictadas en los años noventa y dos mil todavía determinan quién está hoy en las prisiones de Oregón. Este informe reúne entrevistas con personas que cumplen condenas largas, con sus familias y con sobrevivientes de delitos, junto con un repaso de cómo otros estados han manejado la revisión de sentencias.',
          'Muchas de las personas entrevistadas han pasado años estudiando, sirviendo de mentores a compañeros más jóvenes y participando en programas de rendición de cuentas. Las opiniones de las víctimas fueron diversas: algunas vieron con buenos ojos la idea de una revisión, otras expresaron serias preocupaciones, y casi todas dijeron que querían estar informadas y acompañadas, no enterarse de golpe.',
          'Recomendamos un proceso de segunda mirada en el que las víctimas decidan si quieren participar, con un enfoque informado sobre el trauma, que exija un plan real de reintegración y que mida los resultados por raza, para que la reforma ayude a cerrar las brechas existentes en lugar de ampliarlas.',
        ),
      },
    },
  },
];
