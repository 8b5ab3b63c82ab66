import type { TeamsMessages } from './index.ts';

/** Arabic strings of the Teams section; keys and placeholders as in en.ts. */
export const teamsAr: TeamsMessages = {
  "settings.teams": "الفرق",
  "teams.intro": "اجمع الوكلاء في فرق. تُسند المحادثة الموجّهة إلى فريق تلقائيًا إلى أعضائه فقط، وتنتظر في طابور الفريق الخاص عندما يكونون جميعًا مشغولين.",
  "teams.empty": "لا توجد فرق بعد: يتلقى كل وكيل كل محادثة.",
  "teams.new": "فريق جديد",
  "teams.create": "إنشاء فريق",
  "teams.rename": "إعادة التسمية",
  "teams.delete": "حذف {name}",
  "teams.deleteConfirm": "حذف الفريق {name}؟ تحتفظ محادثاته بالمسؤول عنها ولا تنتمي إلى أي فريق بعد الآن.",
  "teams.members": "الأعضاء",
  "teams.rules": "قواعد الصفحات",
  "teams.rulesIntro": "تذهب المحادثة الجديدة التي تبدأ في صفحة يطابق مسارها إلى الفريق: ‎/billing‎ يطابق ‎/billing‎ وكل ما تحته؛ و* يطابق أي شيء. أول قاعدة مطابقة هي التي تُطبَّق.",
  "teams.rulePattern": "مسار الصفحة",
  "teams.ruleTeam": "الفريق",
  "teams.ruleAdd": "إضافة قاعدة",
  "teams.ruleRemove": "إزالة هذه القاعدة",
  "teams.renameLabel": "اسم الفريق",
  "teams.picker": "اختيار الفريق قبل المحادثة",
  "teams.pickerIntro": "قبل رسالتهم الأولى، يختار الزوار أحد الفرق المعروضة هنا؛ وتذهب المحادثة إلى ذلك الفريق أيًا كانت قواعد الصفحات.",
  "teams.pickerOn": "اطلب من الزوار اختيار فريق",
  "teams.pickerLabel": "ما يراه الزوار لـ {name}",
  "teams.pickerNone": "اعرض فريقًا واحدًا على الأقل، أو أوقف الاختيار.",
  "teams.pickerTooMany": "اعرض {max} فرق على الأكثر.",
  "teams.pickerBlank": "كل فريق معروض يحتاج إلى تسمية.",
  "teams.pickerSaved": "تم حفظ اختيار الفريق.",
};
