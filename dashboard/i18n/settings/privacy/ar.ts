import type { PrivacyMessages } from './index.ts';

/** Arabic strings of the Privacy section; keys and placeholders as in en.ts. */
export const privacyAr: PrivacyMessages = {
  'settings.privacy': "الخصوصية",
  'privacy.intro': "ما يحتفظ به Parley عن الزوار، ولأي مدة، وطلباتهم للاطلاع عليه أو حذفه (انظر docs/deploy.md، قسم Privacy).",
  'privacy.consent': "اطلب موافقة الزوار أولًا",
  'privacy.consentHint': "إلى أن يفتح الزائر الدردشة (أو تستدعي صفحتك Parley('consent', true)) لا يُحمَّل سوى widget.js ولا يُخزَّن شيء في متصفحه ولا على الخادم. الصق مقتطف التثبيت من جديد: سيحمل عندها data-require-consent.",
  'privacy.tombstone': "احتفظ بمحادثات الزوار المحذوفين كسجلات فارغة للتقارير",
  'privacy.tombstoneHint': "تبقى الحالة والأوقات والمسؤول ودرجة التقييم؛ ويُحذف كل نص وملف واسم وعنوان. عند الإيقاف: تُحذف المحادثات.",
  'privacy.retention': "احذف المحادثات التي حُلّت منذ أكثر من",
  'privacy.retentionDays': "يومًا (فارغ: احتفظ بها)",
  'privacy.save': "احفظ إعدادات الخصوصية",
  'privacy.saved': "حُفظت إعدادات الخصوصية.",
  'privacy.requests': "طلب زائر",
  'privacy.requestsHint': "اعثر على كل ما يخص شخصًا ما ببريده الإلكتروني أو معرّف الزائر (تعرضه لوحة التحكم) أو معرّف المستخدم لديك، ثم صدّره أو احذفه.",
  'privacy.by': "البحث بـ",
  'privacy.by.email': "البريد الإلكتروني",
  'privacy.by.visitorId': "معرّف الزائر",
  'privacy.by.userId': "معرّف المستخدم لديك",
  'privacy.who': "من",
  'privacy.export': "تصدير (JSON والملفات)",
  'privacy.exported': "يجري تنزيل التصدير: {file}.",
  'privacy.erase': "حذف…",
  'privacy.eraseConfirm': "هل تريد حذف كل ما يخص هذا الشخص؟ لا يمكن التراجع عن ذلك.",
  'privacy.eraseYes': "نعم، احذف",
  'privacy.erased': "تم الحذف: {visitors} سجلات زوار، {conversations} محادثات، {files} ملفات.",
};
