import type { Strings } from '../i18n.ts';

/** العربية (right to left: the UI mirrors its layout). */
const ar: Strings = {
  openChat: 'فتح الدردشة',
  closeChat: 'إغلاق الدردشة',
  conversations: 'محادثاتك',
  chatWith: 'الدردشة مع {site}',
  online: 'نحن متصلون الآن',
  onlineSub: 'نرد خلال {time}',
  fewMinutes: 'بضع دقائق',
  away: 'نحن غير متاحين الآن',
  awaySub: 'اترك رسالة وسنعود إليك',
  greeting: 'مرحبًا! كيف يمكننا مساعدتك؟',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال الرسالة',
  attach: 'إرفاق ملف',
  connecting: 'جارٍ الاتصال…',
  offline: 'أنت غير متصل بالإنترنت. ستُرسل الرسائل عند عودة الاتصال.',
  notHere: 'الدردشة غير متاحة في هذه الصفحة.',
  unreachable: 'تعذّر الوصول إلى الخادم. جارٍ إعادة المحاولة…',
  reconnect: 'إعادة الاتصال',
  uploadFailed: 'تعذّر رفع {name}.',
  newMessage: '({n}) رسالة جديدة',
  unread: '{n} غير مقروءة',
  messages: 'المحادثة',
  textTooLong: 'الرسالة طويلة جدًا ({n}/{max}).',
  rejected: 'تعذّر التحقق من حسابك. يرجى إعادة تحميل الصفحة.',
  minimize: 'تصغير الدردشة',
};
export default ar;
