import type { Locale } from './locale.ts';

/**
 * Words of the site's frame (navigation, footer, error pages) in each
 * language. Features keep their own words beside their views; content lives
 * in the database.
 */
const en = {
  skipToContent: 'Skip to main content',
  mainNavigation: 'Main',
  nav: { home: 'Home', about: 'About', policies: 'Policies', resources: 'Resources', tips: 'Tips' },
  languageSwitcher: 'Language',
  otherLanguageName: 'Español',
  donate: 'Donate',
  offSite: 'the payment page, on another site',
  footer: {
    contact: 'Contact',
    phone: 'Phone',
    profiles: 'Our profiles elsewhere',
    privacy: 'Privacy notice',
    sitemap: 'Site map',
    poweredBy: 'Runs on Groundswell, open-source advocacy software.',
    demo: 'This site shows demo content.',
    signupTitle: 'Get our newsletter',
    signupIntro: 'News, learning and moments to act. We email you a link to confirm.',
    firstName: 'First name',
    email: 'Email address',
    signup: 'Sign up',
    trap: 'Leave this box empty',
  },
  untranslated: 'This page is not yet available in Spanish, so it is shown in English.',
  comingSoon: 'Coming soon',
  notFound: {
    title: 'Page not found',
    body: 'We could not find the page you asked for. It may have moved, or the address may have a typo.',
    home: 'Go to the home page',
  },
  serverError: {
    title: 'Something went wrong',
    body: 'Sorry, something went wrong on our side and we could not show this page. Please try again in a moment.',
    reference: 'If it keeps happening, tell us this reference:',
  },
  badRequest: { title: 'We could not read that request', body: 'Please go back and try again.' },
  tooLarge: {
    title: 'That is too large',
    body: 'What you sent is larger than this form accepts. Please go back, shorten it and try again.',
  },
  tooMany: { title: 'Too many requests', body: 'Please wait a minute, then go back and try again.' },
  formExpired: {
    title: 'This form has expired',
    body: 'For your safety the form could not be sent. Go back, reload the page and try again.',
  },
  exitThisPage: 'Exit this page',
  /** Said after a menu link that leaves the site. */
  anotherSite: 'another site',
  siteSearch: { label: 'Search this site', submit: 'Search' },
};

export type Messages = typeof en;

const es: Messages = {
  skipToContent: 'Saltar al contenido principal',
  mainNavigation: 'Principal',
  nav: { home: 'Inicio', about: 'Quiénes somos', policies: 'Políticas', resources: 'Recursos', tips: 'Consejos' },
  languageSwitcher: 'Idioma',
  otherLanguageName: 'English',
  donate: 'Donar',
  offSite: 'la página de pago, en otro sitio',
  footer: {
    contact: 'Contacto',
    phone: 'Teléfono',
    profiles: 'Nuestros perfiles en otros sitios',
    privacy: 'Aviso de privacidad',
    sitemap: 'Mapa del sitio',
    poweredBy: 'Funciona con Groundswell, software libre para la incidencia.',
    demo: 'Este sitio muestra contenido de demostración.',
    signupTitle: 'Recibe nuestro boletín',
    signupIntro: 'Noticias, aprendizaje y momentos para actuar. Te enviamos un enlace para confirmar.',
    firstName: 'Nombre',
    email: 'Correo electrónico',
    signup: 'Suscribirme',
    trap: 'Deja esta casilla vacía',
  },
  untranslated: 'Esta página todavía no está traducida al español, así que la mostramos en inglés.',
  comingSoon: 'Muy pronto',
  notFound: {
    title: 'No encontramos la página',
    body: 'No pudimos encontrar la página que buscas. Quizás cambió de lugar o la dirección tiene un error.',
    home: 'Ir a la página de inicio',
  },
  serverError: {
    title: 'Algo salió mal',
    body: 'Lo sentimos: tuvimos un problema y no pudimos mostrar esta página. Vuelve a intentarlo en un momento.',
    reference: 'Si sigue pasando, comparte con nosotros esta referencia:',
  },
  badRequest: { title: 'No pudimos leer esa solicitud', body: 'Regresa e inténtalo de nuevo.' },
  tooLarge: {
    title: 'Es demasiado grande',
    body: 'Lo que enviaste es más grande de lo que acepta este formulario. Regresa, acórtalo y vuelve a intentarlo.',
  },
  tooMany: { title: 'Demasiadas solicitudes', body: 'Espera un minuto, regresa y vuelve a intentarlo.' },
  formExpired: {
    title: 'Este formulario venció',
    body: 'Por tu seguridad no pudimos enviar el formulario. Regresa, vuelve a cargar la página e inténtalo de nuevo.',
  },
  exitThisPage: 'Salir de esta página',
  anotherSite: 'otro sitio',
  siteSearch: { label: 'Buscar en este sitio', submit: 'Buscar' },
};

const catalogs: Record<Locale, Messages> = { en, es };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
