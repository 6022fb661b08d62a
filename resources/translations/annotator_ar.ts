<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AnnotationEditor</name>
    <message>
        <location filename="../../annotator/gui/selection_rules.py" line="42"/>
        <source>Exact characters</source>
        <translation>أحرف دقيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/selection_rules.py" line="45"/>
        <source>Keep the exact characters of a selection instead of whole tokens (Ctrl+Shift+X; or hold Alt while selecting).</source>
        <translation>الاحتفاظ بالأحرف المحددة كما هي بدلاً من الكلمات كاملة (Ctrl+Shift+X، أو اضغط Alt أثناء التحديد).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="64"/>
        <source>Select some text (or click a span) first.</source>
        <translation>حدّد نصًا (أو انقر على مقطع) أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="175"/>
        <location filename="../../annotator/gui/editor.py" line="234"/>
        <source>No label named %1 in this project.</source>
        <extracomment>the editor&apos;s keys; a feature adds its handler here (tried before label keys) a claim&apos;s claimer, cue and attributes: keys, picking, drawing (issue 13) the open document&apos;s suggestions and their keys (Tab, Enter, Delete)</extracomment>
        <translation>لا توجد تسمية باسم %1 في هذا المشروع.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="94"/>
        <source>Click a span first, then F2 for its note.</source>
        <translation>انقر امتدادًا أولًا، ثم F2 لملاحظته.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="206"/>
        <source>Not found: %1</source>
        <translation>غير موجود: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="46"/>
        <source>Open a document first.</source>
        <translation>افتح مستندًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="49"/>
        <location filename="../../annotator/gui/suggestion_controls.py" line="240"/>
        <source>Set the annotator&apos;s name first.</source>
        <translation>أدخل اسم المُعلِّم أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="73"/>
        <source>Nothing to label: the selection holds only spaces.</source>
        <translation>لا شيء لوسمه: التحديد مسافات فقط.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="67"/>
        <source>Add %1 «%2»</source>
        <translation>إضافة %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="78"/>
        <source>Replaced %1 with %2.</source>
        <translation>استُبدل %1 بـ %2.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="90"/>
        <source>Relabel %1 → %2 «%3»</source>
        <translation>تغيير التسمية %1 ← %2 «%3»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="110"/>
        <source>Delete %1 «%2»</source>
        <translation>حذف %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="133"/>
        <source>Note on %1 «%2»</source>
        <translation>ملاحظة على %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="135"/>
        <source>Clear note on %1 «%2»</source>
        <translation>مسح الملاحظة على %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="162"/>
        <source>Not added: %1 would overlap %2 «%3». Delete that span first, or mark exactly the same characters to replace it.</source>
        <translation>لم يُضف: %1 سيتداخل مع %2 «%3». احذف ذلك المقطع أولًا، أو حدّد الأحرف نفسها تمامًا لاستبداله.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/gui/app.py" line="213"/>
        <location filename="../../annotator/gui/app.py" line="217"/>
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="251"/>
        <source>No such document</source>
        <translation>لا يوجد هذا المستند</translation>
    </message>
</context>
<context>
    <name>ClaimAttributes</name>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="62"/>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="62"/>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="86"/>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="103"/>
        <source>(not set)</source>
        <translation>(غير محدد)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="168"/>
        <source>Click a span first, then set its attributes.</source>
        <translation>انقر مقطعًا أولًا، ثم حدّد سماته.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="216"/>
        <source>Attributes of %1</source>
        <translation>سمات %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="221"/>
        <source>Clear %1: %2</source>
        <translation>مسح %1: %2</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="224"/>
        <source>Set %1 to %2: %3</source>
        <translation>تعيين %1 إلى %2: %3</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="244"/>
        <source>%1 has no choice attribute with that number.</source>
        <translation>ليس لـ %1 سمة اختيار بهذا الرقم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="246"/>
        <source>%1 has no yes/no attribute.</source>
        <translation>ليس لـ %1 سمة نعم/لا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_attributes.py" line="248"/>
        <source>%1 has no attributes (see Manage labels).</source>
        <translation>ليس لـ %1 سمات (انظر «إدارة الوسوم»).</translation>
    </message>
</context>
<context>
    <name>ClaimLinks</name>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="195"/>
        <source>Delete a linked span?</source>
        <translation>حذف مقطع مرتبط؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="197"/>
        <source>%1 is linked to:
%2

Delete it and its links? Ctrl+Z brings both back.</source>
        <translation>%1 مرتبط بـ:
%2

أتحذفه مع روابطه؟ يعيدهما Ctrl+Z معًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="204"/>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="222"/>
        <source>Relabel a linked span?</source>
        <translation>إعادة تسمية مقطع مرتبط؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="224"/>
        <source>As %1, %2 can no longer be linked as:
%3

Relabel it and remove those links? Ctrl+Z brings them back.</source>
        <translation>بوصفه %1، لا يمكن أن يبقى %2 مرتبطاً بوصفه:
%3

إعادة تسميته وإزالة هذه الروابط؟ يعيدها Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_edits.py" line="233"/>
        <source>Relabel</source>
        <translation>إعادة التسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="187"/>
        <source>%1 of: %2</source>
        <translation>%1 لـ: %2</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="94"/>
        <source>This label set has no %1 link.</source>
        <translation>ليس في مجموعة الوسوم هذه رابط %1.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="100"/>
        <source>Select a %1 span first (click it), then pick its %2.</source>
        <translation>اختر مقطع %1 أولًا (انقره)، ثم اختر %2 له.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="116"/>
        <source>No %1 span in this document to pick as the %2: mark it first.</source>
        <translation>لا مقطع %1 في هذا المستند لاختياره %2: علِّمه أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="146"/>
        <source>Picking cancelled.</source>
        <translation>أُلغي الاختيار.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="166"/>
        <source>Nothing to pick here.</source>
        <translation>لا شيء لاختياره هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="170"/>
        <source>Set %1 of «%2» to «%3»</source>
        <translation>تعيين %1 لـ «%2»: «%3»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="189"/>
        <source>Set %1 of «%2» to %3</source>
        <translation>تعيين %1 لـ «%2»: %3</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="206"/>
        <source>This claim has no %1 to remove.</source>
        <translation>ليس لهذا الادعاء %1 لإزالته.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="212"/>
        <source>Remove %1 of «%2»</source>
        <translation>إزالة %1 من «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="254"/>
        <source>Pick the %1 of «%2»:</source>
        <translation>اختر %1 لـ «%2»:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="262"/>
        <source>«%1» (%2 of %3) — Tab or arrows move, Enter or a click sets;</source>
        <translation>«%1» (%2 من %3) — Tab أو الأسهم للتنقل، Enter أو نقرة للتعيين؛</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_picking.py" line="272"/>
        <source>Delete removes it; Esc cancels.</source>
        <translation>Delete يزيله؛ Esc يلغي.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="247"/>
        <source>Select a claim first: links start at claims.</source>
        <translation>اختر ادعاءً أولًا: الروابط تبدأ من الادعاءات.</translation>
    </message>
</context>
<context>
    <name>CliticPolicyDialog</name>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="45"/>
        <source>Clitic policy</source>
        <translation>سياسة السوابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="48"/>
        <source>Where do the proclitics و ف ب ك ل (and لل) go when a word is an entity?</source>
        <translation>أين تذهب السوابق و ف ب ك ل (و لل) حين تكون الكلمة كيانًا؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="59"/>
        <source>&amp;Inside entities (default)</source>
        <translation>&amp;داخل الكيانات (الافتراضي)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="60"/>
        <source>بالبوكمال stays one word and a span on it takes the ب, as ANERcorp and Wojood annotate.</source>
        <translation>تبقى «بالبوكمال» كلمة واحدة ويأخذ المقطع عليها الباء، كما توسم ANERcorp ووجود.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="67"/>
        <source>&amp;Outside entities</source>
        <translation>&amp;خارج الكيانات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="68"/>
        <source>A proclitic before ال is a word of its own: بالبوكمال is ب + البوكمال, selections snap to البوكمال, and exports and the config.cfg tokenizer split it the same way.</source>
        <translation>السابقة قبل «ال» كلمة مستقلة: «بالبوكمال» هي ب + البوكمال، فيلتصق التحديد بـ«البوكمال»، ويقسمها التصدير ومُقطِّع config.cfg بالطريقة نفسها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="90"/>
        <source>The %1 spans already made are kept as they are. Exports list those that no longer fall on tokens (report.json, misaligned) and treat them by their misaligned policy. Undo (Ctrl+Z) brings the old policy back.</source>
        <translation>تبقى المقاطع الموجودة (%1) كما هي. يسرد التصدير ما لم يعد منها يقع على حدود الكلمات (report.json، misaligned) ويعاملها بحسب سياسة misaligned. التراجع (Ctrl+Z) يعيد السياسة السابقة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="124"/>
        <source>Proclitics outside entities</source>
        <translation>السوابق خارج الكيانات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="126"/>
        <source>Proclitics inside entities</source>
        <translation>السوابق داخل الكيانات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/clitics_dialog.py" line="131"/>
        <source>Not changed: %1</source>
        <translation>لم يتغير شيء: %1</translation>
    </message>
</context>
<context>
    <name>CorpusFind</name>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="287"/>
        <source>One or two letters: press Enter to search every document.</source>
        <translation>حرف أو حرفان: اضغط Enter للبحث في كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="294"/>
        <source>Searching for %1…</source>
        <translation>جارٍ البحث عن %1…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="387"/>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="396"/>
        <source>Not found: %1</source>
        <translation>غير موجود: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="399"/>
        <source>The first %1 matches (documents: %2); there are more: make the search longer.</source>
        <translation>أول %1 مطابقة (المستندات: %2)؛ وهناك المزيد: أطِل نص البحث.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="408"/>
        <source>Matches: %1 · documents: %2</source>
        <translation>المطابقات: %1 · المستندات: %2</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="460"/>
        <source>Text in every document (tashkeel and hamza forms ignored)</source>
        <translation>نص في كل المستندات (بتجاهل التشكيل وأشكال الهمزة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/corpus_find.py" line="463"/>
        <source>Searches as you type from three letters; Enter searches now, then opens the chosen match</source>
        <translation>يبحث أثناء الكتابة ابتداءً من ثلاثة أحرف؛ Enter يبحث فورًا، ثم يفتح المطابقة المختارة</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="55"/>
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="57"/>
        <source>Welcome to Annotator</source>
        <translation>مرحبًا بك في Annotator</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="60"/>
        <source>Who is annotating? Your name is saved with every highlight, so the work of several annotators can be compared and merged.</source>
        <translation>من يُعلِّم؟ يُحفظ اسمك مع كل تظليل، لتمكن مقارنة عمل عدة مُعلِّمين ودمجه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="73"/>
        <source>Your name</source>
        <translation>اسمك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="115"/>
        <source>Go to document</source>
        <translation>الانتقال إلى مستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="118"/>
        <source>Number or title</source>
        <translation>الرقم أو العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="197"/>
        <source>New documents: %1</source>
        <translation>مستندات جديدة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="198"/>
        <source>Already in the project: %1</source>
        <translation>موجودة في المشروع من قبل: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="199"/>
        <source>Spans added: %1</source>
        <translation>مقاطع مضافة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="203"/>
        <source>Labels added: %1</source>
        <translation>تسميات مضافة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="206"/>
        <source>Cancelled: files read before cancelling were kept.</source>
        <translation>أُلغي: حُفظت الملفات التي قُرئت قبل الإلغاء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="209"/>
        <source>Files not imported: %1</source>
        <translation>ملفات لم تُستورد: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="130"/>
        <location filename="../../annotator/gui/import_dialogs.py" line="231"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="234"/>
        <source>Reading files…</source>
        <translation>قراءة الملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="183"/>
        <location filename="../../annotator/gui/import_dialogs.py" line="245"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="266"/>
        <source>Cancelling after the current batch…</source>
        <translation>يُلغى بعد الدفعة الحالية…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="289"/>
        <source>%1 of %2 files: %3</source>
        <translation>%1 من %2 ملفات: %3</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="298"/>
        <source>Import cancelled.</source>
        <translation>أُلغي الاستيراد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="300"/>
        <source>Import finished.</source>
        <translation>انتهى الاستيراد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="311"/>
        <source>Import failed; nothing from the failed batch was stored.</source>
        <translation>فشل الاستيراد؛ لم يُحفظ شيء من الدفعة الفاشلة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="211"/>
        <location filename="../../annotator/gui/import_dialogs.py" line="319"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="90"/>
        <location filename="../../annotator/gui/export_dialog.py" line="141"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="96"/>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="103"/>
        <source>Gold (adjudicated)</source>
        <translation>المرجع (بعد التحكيم)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="105"/>
        <source>Spans of:</source>
        <translation>مقاطع:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="106"/>
        <source>Include documents not marked done</source>
        <translation>تضمين المستندات غير المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="110"/>
        <source>Train, dev[, test] fractions summing to 1; with two or more documents dev is never empty.</source>
        <translation>نسب التدريب والتطوير[ والاختبار] ومجموعها 1؛ مع مستندين أو أكثر لا يكون جزء التطوير فارغاً أبداً.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="116"/>
        <source>Split (train, dev, test):</source>
        <translation>التقسيم (تدريب، تطوير، اختبار):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="120"/>
        <source>Another seed puts other documents into dev and test.</source>
        <translation>بذرة أخرى تضع مستندات أخرى في التطوير والاختبار.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="122"/>
        <source>Seed:</source>
        <translation>البذرة:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="125"/>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="129"/>
        <source>Folder:</source>
        <translation>المجلد:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="154"/>
        <source>Export into folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="217"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="103"/>
        <source>Import options</source>
        <translation>خيارات الاستيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="107"/>
        <source>As named in the files</source>
        <translation>كما هو مسمّى في الملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="110"/>
        <source>Spans belong to:</source>
        <translation>المقاطع تعود إلى:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="111"/>
        <source>Add labels the project lacks</source>
        <translation>إضافة التسميات غير الموجودة في المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="115"/>
        <source>Rename labels:</source>
        <translation>إعادة تسمية التسميات:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="118"/>
        <source>Detect</source>
        <translation>اكتشاف تلقائي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="119"/>
        <source>Text encoding:</source>
        <translation>ترميز النص:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="120"/>
        <source>CoNLL: accept IOB1 tags</source>
        <translation>CoNLL: قبول وسوم IOB1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="152"/>
        <source>Write renamings as FROM=TO, e.g. PERS=PER (not “%1”).</source>
        <translation>اكتب إعادة التسمية بصيغة من=إلى، مثل PERS=PER (وليس «%1»).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialogs.py" line="159"/>
        <source>Choose another annotator name.</source>
        <translation>اختر اسم معلِّم آخر.</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="63"/>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="64"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="65"/>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="66"/>
        <source>Skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="275"/>
        <source>Flagged unsure</source>
        <extracomment>The suggestions&apos; uncertainty (1 − their mean score; empty when none were made). The uncertainties were read again: the column may have values now, or none.</extracomment>
        <translation>موسوم بعدم التأكد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="409"/>
        <location filename="../../annotator/gui/label_all_dialog.py" line="159"/>
        <source>(untitled)</source>
        <translation>(بلا عنوان)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="424"/>
        <source>Words: %1</source>
        <translation>الكلمات: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="435"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="437"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="439"/>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="443"/>
        <source>?</source>
        <translation>؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="449"/>
        <source>Your note and “unsure” flag (Ctrl+Shift+N)</source>
        <translation>ملاحظتك ووسم «غير متأكد» (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="455"/>
        <source>Uncertainty: how unsure the suggestions are (1 − their mean score)</source>
        <translation>عدم اليقين: مدى عدم يقين الاقتراحات (1 − متوسط درجاتها)</translation>
    </message>
</context>
<context>
    <name>Guidelines</name>
    <message>
        <location filename="../../annotator/gui/guidelines.py" line="67"/>
        <source>Edit guidelines…</source>
        <translation>تحرير الإرشادات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/guidelines.py" line="85"/>
        <source>No guidelines yet. Edit them here (Markdown); they are kept in the project.</source>
        <translation>لا إرشادات بعد. حرّرها هنا (Markdown)؛ تُحفظ في المشروع.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/guidelines.py" line="101"/>
        <source>Edit guidelines</source>
        <translation>تحرير الإرشادات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/guidelines.py" line="109"/>
        <source>Guidelines (Markdown)</source>
        <translation>الإرشادات (Markdown)</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../annotator/gui/help.py" line="33"/>
        <source>Find in the article</source>
        <translation>البحث في المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="34"/>
        <source>Next match (the focus stays in the find field)</source>
        <translation>التطابق التالي (يبقى التركيز في حقل البحث)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="35"/>
        <source>Previous match</source>
        <translation>التطابق السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="38"/>
        <source>Close the find bar (the match stays selected) / clear the selection</source>
        <translation>إغلاق شريط البحث (يبقى التطابق محدداً) / إلغاء التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="44"/>
        <source>Find in all documents (tashkeel and hamza forms ignored)</source>
        <translation>البحث في كل المستندات (بتجاهل التشكيل وأشكال الهمزة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="47"/>
        <source>Enter / double click on a match</source>
        <translation>Enter / نقر مزدوج على مطابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="48"/>
        <source>Open its document with the match selected (a label key labels it)</source>
        <translation>فتح مستندها والمطابقة محددة (مفتاح التسمية يسمّيها)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="50"/>
        <source>Undo (another document&apos;s edit is shown first)</source>
        <translation>تراجع (يُعرض أولاً تعديل المستند الآخر)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="51"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="52"/>
        <source>Exact characters on or off (no snapping to words)</source>
        <translation>تشغيل الأحرف الدقيقة أو إيقافها (دون المحاذاة إلى الكلمات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="53"/>
        <source>Exact characters for one selection</source>
        <translation>أحرف دقيقة لتحديد واحد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="55"/>
        <source>Double click / triple click</source>
        <translation>نقر مزدوج / نقر ثلاثي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="56"/>
        <source>Select a word / a sentence</source>
        <translation>تحديد كلمة / جملة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="60"/>
        <source>Delete the selected span / reject the selected suggestion</source>
        <translation>حذف المقطع المحدد / رفض الاقتراح المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="62"/>
        <source>Note and &quot;unsure&quot; flag of the selected span</source>
        <translation>ملاحظة المقطع المحدد وعلامة «غير متأكد»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="63"/>
        <source>Note and &quot;unsure&quot; flag of the open document</source>
        <translation>ملاحظة المستند المفتوح ووسم «غير متأكد» عليه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="64"/>
        <source>Show others&apos; spans and gold</source>
        <translation>إظهار مقاطع الآخرين والمعيار الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="65"/>
        <source>Select the next / previous suggestion</source>
        <translation>تحديد الاقتراح التالي / السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="67"/>
        <source>Enter / Space</source>
        <translation>Enter / مسافة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="68"/>
        <source>Accept the selected suggestion (or the one under the cursor)</source>
        <translation>قبول الاقتراح المحدد (أو الذي تحت المؤشر)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="71"/>
        <source>Label key on a suggestion</source>
        <translation>مفتاح تسمية على اقتراح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="72"/>
        <source>Accept the suggestion with that label</source>
        <translation>قبول الاقتراح بتلك التسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="74"/>
        <source>Accept every suggestion left in the document</source>
        <translation>قبول كل الاقتراحات الباقية في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="75"/>
        <source>Label all occurrences of the selected span…</source>
        <translation>تسمية كل مواضع المقطع المحدد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="76"/>
        <source>Mark done and go to the next document</source>
        <translation>وضع علامة «منجز» والانتقال إلى المستند التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="77"/>
        <source>Mark skipped and go to the next document</source>
        <translation>وضع علامة «متخطّى» والانتقال إلى المستند التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="78"/>
        <source>Next / previous document</source>
        <translation>المستند التالي / السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="79"/>
        <source>Go to document…</source>
        <translation>الانتقال إلى مستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="80"/>
        <source>Zoom in / out / reset</source>
        <translation>تكبير / تصغير / إعادة الحجم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="81"/>
        <source>Import / export</source>
        <translation>استيراد / تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="82"/>
        <source>This list</source>
        <translation>هذه القائمة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="99"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="102"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="102"/>
        <source>Does</source>
        <translation>الوظيفة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="144"/>
        <source>Annotator: entities, places and claims in Arabic news, offline.</source>
        <translation>المُعلِّم: الكيانات والأماكن والادعاءات في الأخبار العربية، دون اتصال.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/help.py" line="153"/>
        <source>About Annotator</source>
        <translation>حول المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="55"/>
        <source>Pick the claimer / the cue of the selected claim: Tab or arrows move, Enter or a click sets, a digit an implicit claimer (the status bar lists them), Delete removes, Esc cancels</source>
        <translation>اختيار القائل / لفظ الإسناد للادعاء المحدد: Tab أو الأسهم للتنقل، Enter أو نقرة للتعيين، رقم لقائل ضمني (يعددها شريط الحالة)، Delete للإزالة، Esc للإلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="62"/>
        <source>Pick another link of the selected claim (a menu)</source>
        <translation>اختيار رابط آخر للادعاء المحدد (قائمة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="63"/>
        <source>Every attribute of the selected span</source>
        <translation>كل سمات المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="74"/>
        <source>%1 %2: %3 (again: clear)</source>
        <translation>%1 %2: %3 (مرة أخرى: مسح)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/claim_links.py" line="85"/>
        <source>%1 %2: yes → no → not set</source>
        <translation>%1 %2: نعم ← لا ← غير محدد</translation>
    </message>
</context>
<context>
    <name>LabelAll</name>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="58"/>
        <source>Label all occurrences</source>
        <translation>تسمية كل المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="64"/>
        <source>Every other occurrence of «%1» becomes %2 of %3.</source>
        <translation>كل موضع آخر لـ«%1» يصبح %2 لدى %3.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="75"/>
        <source>In this document</source>
        <translation>في هذا المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="76"/>
        <source>In the whole corpus</source>
        <translation>في المدونة كلها</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="80"/>
        <source>Where:</source>
        <translation>أين:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="91"/>
        <location filename="../../annotator/gui/label_all_dialog.py" line="102"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="92"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="93"/>
        <source>To label</source>
        <translation>للتسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="103"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="104"/>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="149"/>
        <source>%1 occurrences to label in %2 documents.</source>
        <translation>%1 موضعًا للتسمية في %2 مستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="164"/>
        <source>Skipped (%1): an entity is there already</source>
        <translation>متروكة (%1): يوجد كيان هناك أصلًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_all_dialog.py" line="175"/>
        <source>Label %1</source>
        <translation>تسمية %1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="51"/>
        <source>Labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="59"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="72"/>
        <source>Attributes of this label&apos;s spans, separated by &apos;;&apos;: a choice (key: a | b | c), yes/no (key: yes/no) or a short text (key: text, or key: text 40).</source>
        <translation>سمات مقاطع هذا الوسم، تفصل بينها «;»: اختيار (key: a | b | c)، أو نعم/لا (key: yes/no)، أو نص قصير (key: text، أو key: text 40).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="85"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="86"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="87"/>
        <source>Colour</source>
        <translation>اللون</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="88"/>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="89"/>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="90"/>
        <source>Description (Arabic)</source>
        <translation>الوصف (بالعربية)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="91"/>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="92"/>
        <source>Apply to the chosen label</source>
        <translation>تطبيق على التسمية المختارة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="93"/>
        <source>Add as a new label</source>
        <translation>إضافة تسمية جديدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="94"/>
        <source>Move up</source>
        <translation>نقل لأعلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="95"/>
        <source>Move down</source>
        <translation>نقل لأسفل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="210"/>
        <source>Edit label %1</source>
        <translation>تحرير التسمية %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="233"/>
        <source>Add label %1</source>
        <translation>إضافة التسمية %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="240"/>
        <source>the label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labels_dialog.py" line="248"/>
        <source>Move label %1</source>
        <translation>نقل التسمية %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="60"/>
        <source>Find:</source>
        <extracomment>``find(query, forward)`` → ``(number, total)`` of the match selected, or ``None``.</extracomment>
        <translation>بحث:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="62"/>
        <source>Text in the article (tashkeel and hamza forms ignored)</source>
        <translation>نص في المقال (بتجاهل التشكيل وأشكال الهمزة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="64"/>
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="65"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>المطابقة السابقة (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="66"/>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="67"/>
        <source>Next match (Enter, F3)</source>
        <translation>المطابقة التالية (Enter، F3)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="68"/>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="90"/>
        <source>Not found</source>
        <translation>غير موجود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="94"/>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="267"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="268"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="270"/>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation>تراجع عن %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="272"/>
        <source>Nothing to undo</source>
        <translation>لا شيء للتراجع عنه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="275"/>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation>إعادة %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="277"/>
        <source>Nothing to redo</source>
        <translation>لا شيء لإعادته</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="281"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="282"/>
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="283"/>
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="284"/>
        <source>&amp;Recent projects</source>
        <translation>المشاريع الأ&amp;خيرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="285"/>
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="286"/>
        <source>Import &amp;folder…</source>
        <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="288"/>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="289"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="290"/>
        <source>&amp;Edit</source>
        <translation>ت&amp;حرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="291"/>
        <source>&amp;Find in article…</source>
        <translation>&amp;بحث في المقال…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="292"/>
        <source>Find &amp;next</source>
        <translation>البحث عن ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="293"/>
        <source>Find pre&amp;vious</source>
        <translation>البحث عن ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="294"/>
        <source>Find in &amp;all documents…</source>
        <translation>البحث في &amp;كل المستندات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="295"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="296"/>
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="297"/>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="298"/>
        <source>&amp;Reset zoom</source>
        <translation>إعادة ال&amp;حجم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="299"/>
        <source>Show &amp;others&apos; spans and gold</source>
        <translation>إظهار مقاطع ال&amp;آخرين والمرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="301"/>
        <source>Other annotators&apos; spans and gold, read-only, as dashed lines beside your own</source>
        <translation>مقاطع المُعلِّمين الآخرين والمرجع المعتمد، للقراءة فقط، بخطوط متقطعة بجانب مقاطعك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="306"/>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="307"/>
        <source>&amp;Panels</source>
        <translation>الأ&amp;لواح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="308"/>
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="309"/>
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="310"/>
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="311"/>
        <source>&amp;Go to document…</source>
        <translation>الانتقال إلى &amp;مستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="312"/>
        <source>Mark &amp;done and next</source>
        <translation>وضع علامة &amp;منجز والتالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="313"/>
        <source>Mark &amp;skipped and next</source>
        <translation>وضع علامة م&amp;تروك والتالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="314"/>
        <source>&amp;Annotator</source>
        <translation>المُ&amp;علِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="315"/>
        <source>&amp;Switch annotator…</source>
        <translation>&amp;تبديل المُعلِّم…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="316"/>
        <source>Manage &amp;labels…</source>
        <translation>إدارة ال&amp;تسميات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="317"/>
        <source>Document &amp;note…</source>
        <translation>&amp;ملاحظة المستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="319"/>
        <source>Your note and “unsure” flag on the open document</source>
        <translation>ملاحظتك ووسم «غير متأكد» على المستند المفتوح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="321"/>
        <source>&amp;Clitic policy…</source>
        <translation>سياسة ال&amp;سوابق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="322"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="323"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>ا&amp;ختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="324"/>
        <source>&amp;About Annotator</source>
        <translation>&amp;حول المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="274"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_docks.py" line="131"/>
        <source>Labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_docks.py" line="132"/>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_docks.py" line="133"/>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_docks.py" line="135"/>
        <source>Find in all documents</source>
        <translation>البحث في كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="275"/>
        <source>Search titles</source>
        <translation>بحث في العناوين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="286"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="287"/>
        <source>Not done</source>
        <translation>غير منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="288"/>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="289"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="290"/>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_dock.py" line="291"/>
        <source>Skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="82"/>
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="94"/>
        <source>Cannot create the project</source>
        <translation>تعذّر إنشاء المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="54"/>
        <source>There is no document %1.</source>
        <translation>لا يوجد مستند رقم %1.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="73"/>
        <source>This is the last document.</source>
        <translation>هذا آخر مستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="80"/>
        <source>This is the first document.</source>
        <translation>هذا أول مستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="121"/>
        <source>Every document is done or skipped.</source>
        <translation>كل المستندات منجزة أو متروكة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="129"/>
        <source>Mark done</source>
        <translation>وضع علامة منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="130"/>
        <source>Mark skipped</source>
        <translation>وضع علامة متروك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_flow.py" line="131"/>
        <source>Set status</source>
        <translation>تعيين الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="258"/>
        <source>&amp;Undo %1</source>
        <extracomment>Toggles &quot;Exact characters&quot; (Alt-drag does it for one selection, but window managers such as openbox take Alt-drag to move the window).</extracomment>
        <translation>&amp;تراجع: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="260"/>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="263"/>
        <source>&amp;Redo %1</source>
        <translation>إ&amp;عادة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="265"/>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="104"/>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="106"/>
        <source>Articles and annotations (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy);;All files (*)</source>
        <translation>مقالات وتعليقات (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="117"/>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="51"/>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="53"/>
        <source>Annotator projects (*.sqlite)</source>
        <translation>مشاريع Annotator (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="63"/>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_files.py" line="65"/>
        <source>Annotator projects (*.sqlite);;All files (*)</source>
        <translation>مشاريع Annotator (*.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="339"/>
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_status.py" line="48"/>
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_status.py" line="34"/>
        <source>%1 / %2 done</source>
        <translation>%1 / %2 منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_status.py" line="36"/>
        <source>Annotator: %1</source>
        <translation>المُعلِّم: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="325"/>
        <source>Toolbar</source>
        <translation>شريط الأدوات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="326"/>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_actions.py" line="327"/>
        <source>&amp;Agreement and adjudication…</source>
        <translation>&amp;الاتفاق والتحكيم…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="240"/>
        <source>Cannot undo or redo: %1</source>
        <translation>تعذّر التراجع أو الإعادة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_dialogs.py" line="45"/>
        <source>Shown first: press Undo again to undo “%1” here.</source>
        <translation>عُرض أولاً: اضغط «تراجع» مرة أخرى للتراجع عن ⁨%1⁩ هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_dialogs.py" line="47"/>
        <source>Shown first: press Redo again to redo “%1” here.</source>
        <translation>عُرض أولاً: اضغط «إعادة» مرة أخرى لإعادة ⁨%1⁩ هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_dialogs.py" line="77"/>
        <source>Showing the spans of %1 (dashed, read-only); View → Show others&apos; spans hides them.</source>
        <translation>تُعرض مقاطع %1 (متقطعة، للقراءة فقط)؛ يخفيها «عرض ← إظهار مقاطع الآخرين».</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="72"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="79"/>
        <source>A remark for the reviewer</source>
        <translation>ملاحظة للمراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="82"/>
        <source>&amp;Unsure</source>
        <translation>غير &amp;متأكد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="110"/>
        <source>Open a document (and say who you are) to give it a note.</source>
        <translation>افتح مستندًا (وحدّد اسمك) لتكتب عليه ملاحظة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="117"/>
        <source>Document %1</source>
        <translation>المستند %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="120"/>
        <source>Document note of %1</source>
        <translation>ملاحظة %1 على المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="129"/>
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="134"/>
        <source>Clear document note</source>
        <translation>مسح ملاحظة المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="136"/>
        <source>Flag document unsure</source>
        <translation>وسم المستند بعدم التأكد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/note_dialog.py" line="137"/>
        <source>Set document note</source>
        <translation>كتابة ملاحظة المستند</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../annotator/gui/ops/session.py" line="108"/>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <location filename="../../annotator/gui/palette.py" line="84"/>
        <source>Sticky label</source>
        <translation>تسمية مثبّتة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/palette.py" line="86"/>
        <source>Click a label to arm it; every selection made with the mouse gets it on release.</source>
        <translation>انقر تسمية لتثبيتها؛ يأخذها كل تحديد بالفأرة عند الإفلات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/palette.py" line="178"/>
        <source>Armed: %1</source>
        <translation>المثبّتة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/palette.py" line="180"/>
        <source>Click a label to arm it.</source>
        <translation>انقر تسمية لتثبيتها.</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="52"/>
        <source>Exact span F1</source>
        <translation>F1 المطابقة التامة للمقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="411"/>
        <location filename="../../annotator/gui/review/models.py" line="53"/>
        <source>Overlap F1</source>
        <translation>F1 التداخل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="54"/>
        <source>Cohen&apos;s κ (tokens)</source>
        <translation>كابا كوهين (الكلمات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="413"/>
        <location filename="../../annotator/gui/review/models.py" line="55"/>
        <source>Claims overlap F1</source>
        <translation>F1 تداخل الادعاءات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="58"/>
        <source>unanimous</source>
        <extracomment>A row whose spans agree but whose claims&apos; attributes, claimer or cue do not.</extracomment>
        <translation>إجماع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="59"/>
        <source>label</source>
        <translation>تسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="60"/>
        <source>boundary</source>
        <translation>حدود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="61"/>
        <source>both</source>
        <translation>كلاهما</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="62"/>
        <source>missing</source>
        <translation>ناقص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="178"/>
        <source>%1 × %2: %3 = %4 on %5 documents</source>
        <translation>%1 × %2: %3 = %4 على %5 مستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="243"/>
        <source>%1: %2 spans, %3: %4 spans, %5 identical</source>
        <translation>%1: %2 مقطع، %3: %4 مقطع، %5 متطابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="259"/>
        <source>All pairs</source>
        <translation>كل الأزواج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="279"/>
        <source>Documents compared</source>
        <translation>المستندات المقارنة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="282"/>
        <source>Mean exact F1 (over pairs)</source>
        <translation>متوسط F1 المطابقة (على الأزواج)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="285"/>
        <source>Pooled exact F1</source>
        <translation>F1 المطابقة المجمّعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="288"/>
        <source>Krippendorff&apos;s α (entities)</source>
        <translation>ألفا كريبندورف (الكيانات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="291"/>
        <source>Fleiss&apos; κ</source>
        <translation>كابا فلايس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="294"/>
        <source>Documents every annotator finished</source>
        <translation>مستندات أنجزها كل المعلِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="299"/>
        <source>Krippendorff&apos;s α (claims, characters)</source>
        <translation>ألفا كريبندورف (الادعاءات، أحرف)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="302"/>
        <source>Boundary disagreements</source>
        <translation>اختلافات في الحدود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="303"/>
        <source>Label disagreements</source>
        <translation>اختلافات في التسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="304"/>
        <source>Boundary and label</source>
        <translation>الحدود والتسمية معًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="305"/>
        <source>Missed / extra spans</source>
        <translation>مقاطع فائتة / زائدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="337"/>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="35"/>
        <source>Measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="36"/>
        <source>Pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="37"/>
        <source>Matched</source>
        <translation>المتطابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="38"/>
        <source>Both set</source>
        <translation>حدّدها الاثنان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="41"/>
        <source>Krippendorff&apos;s α</source>
        <translation>ألفا كريبندورف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="96"/>
        <source>%1 over claims both annotators have; values: %2</source>
        <translation>%1 على الادعاءات التي لدى المُعلِّمَين كليهما؛ القيم: %2</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/models.py" line="337"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="77"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="78"/>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="79"/>
        <source>Annotators</source>
        <translation>المعلِّمون</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="80"/>
        <source>Entity F1</source>
        <translation>F1 الكيانات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="81"/>
        <source>Claims F1</source>
        <translation>F1 الادعاءات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="82"/>
        <source>Disagreement</source>
        <translation>الاختلاف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="207"/>
        <source>The annotators&apos; notes and “unsure” flags</source>
        <translation>ملاحظات المُعلِّمين ووسوم «غير متأكد»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="257"/>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="83"/>
        <source>Adjudicated</source>
        <translation>محكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="344"/>
        <source>claim</source>
        <translation>ادعاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="346"/>
        <source>entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="350"/>
        <source>structure differs</source>
        <translation>البنية مختلفة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="355"/>
        <source>The annotators&apos; claims here differ in their attributes, claimer or cue: compare the versions below.</source>
        <translation>تختلف ادعاءات المُعلِّمين هنا في سماتها أو قائلها أو لفظ الإسناد: قارن النسخ أدناه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="394"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="396"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="189"/>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="398"/>
        <source>Gold</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="406"/>
        <source>Annotator</source>
        <translation>المعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="407"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="408"/>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="409"/>
        <source>Gold spans</source>
        <translation>المقاطع المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="410"/>
        <source>Exact F1</source>
        <translation>F1 المطابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_models.py" line="412"/>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="40"/>
        <source>Cohen&apos;s κ</source>
        <translation>كابا كوهين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="205"/>
        <source>No annotator number %1 here.</source>
        <translation>لا يوجد معلِّم رقمه %1 هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="222"/>
        <source>Accept the majority</source>
        <translation>قبول رأي الأغلبية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="226"/>
        <source>Majority accepted for %1 rows; %2 left without a majority.</source>
        <translation>قُبل رأي الأغلبية في %1 صفًا؛ وبقي %2 بلا أغلبية.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="239"/>
        <source>Select some text in the gold version first.</source>
        <translation>حدّد نصًا في النسخة المرجعية أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="243"/>
        <source>Nothing to label: the selection holds only spaces.</source>
        <translation>لا شيء لوسمه: التحديد مسافات فقط.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="255"/>
        <source>Gold %1 «%2»</source>
        <translation>مرجع %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="270"/>
        <source>Click a gold span first.</source>
        <translation>انقر على مقطع مرجعي أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="276"/>
        <source>Remove gold %1 «%2»</source>
        <translation>حذف المرجع %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="287"/>
        <source>Mark adjudicated</source>
        <translation>تعليمه كمحكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="288"/>
        <source>Marked adjudicated.</source>
        <translation>عُلِّم كمحكَّم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="290"/>
        <source>Mark not adjudicated</source>
        <translation>إلغاء تعليمه كمحكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="291"/>
        <source>No longer adjudicated.</source>
        <translation>لم يعد محكَّمًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="305"/>
        <source>This project is open read-only: nothing can be adjudicated.</source>
        <translation>هذا المشروع مفتوح للقراءة فقط: لا يمكن التحكيم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="313"/>
        <source>Choose a row first.</source>
        <translation>اختر صفًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="320"/>
        <source>Reject row «%1»</source>
        <translation>رفض الصف «%1»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/adjudication_tab.py" line="323"/>
        <source>Accept %1 for «%2»</source>
        <translation>قبول %1 لـ«%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="164"/>
        <source>Computing agreement…</source>
        <translation>جارٍ حساب الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="174"/>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="186"/>
        <source>The project changed since; press Recompute.</source>
        <translation>تغيّر المشروع منذ ذلك الحين؛ اضغط «إعادة الحساب».</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="220"/>
        <source>Claim structure over %1 matched claims</source>
        <translation>بنية الادعاءات على %1 من الادعاءات المتطابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="224"/>
        <source>Documents finished by two annotators or more: %1. Annotators: %2.</source>
        <translation>مستندات أنجزها معلِّمان أو أكثر: %1. المعلِّمون: %2.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="236"/>
        <source>No agreement: %1</source>
        <translation>لا اتفاق: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="241"/>
        <source>cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="243"/>
        <source>Agreement cancelled; press Recompute to start again.</source>
        <translation>أُلغي حساب الاتفاق؛ اضغط «إعادة الحساب» للبدء من جديد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="255"/>
        <source>Recompute</source>
        <translation>إعادة الحساب</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="259"/>
        <source>All annotators</source>
        <translation>كل المعلِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="261"/>
        <source>All labels</source>
        <translation>كل التسميات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="267"/>
        <source>Agreement %p%</source>
        <translation>الاتفاق %p%</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="268"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="269"/>
        <source>Stop computing agreement</source>
        <translation>إيقاف حساب الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="290"/>
        <source>Pairwise agreement</source>
        <translation>الاتفاق بين كل اثنين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="310"/>
        <source>Overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="322"/>
        <source>Claim structure</source>
        <translation>بنية الادعاءات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/agreement_tab.py" line="335"/>
        <source>Exact F1 per label</source>
        <translation>F1 المطابق لكل تسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="132"/>
        <source>nobody finished it</source>
        <translation>لم يُنجزه أحد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="251"/>
        <source>Choose a document.</source>
        <translation>اختر مستندًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="255"/>
        <source>Accept majority (whole document)</source>
        <translation>قبول الأغلبية (المستند كله)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="259"/>
        <source>Disputed rows only</source>
        <translation>الصفوف المختلف عليها فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="276"/>
        <source>Gold — select text and press a label key; Delete removes the clicked gold span. Keys: </source>
        <translation>المرجع — حدّد نصًا واضغط مفتاح تسمية؛ Delete يحذف المقطع المرجعي المنقور. المفاتيح: </translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/document_panel.py" line="293"/>
        <source>1…N: accept that annotator&apos;s version · 0 or Delete: reject the row</source>
        <translation>1…N: قبول نسخة ذلك المعلِّم · 0 أو Delete: رفض الصف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/scores_tab.py" line="43"/>
        <source>Each annotator against gold, on adjudicated documents they finished.</source>
        <translation>كل معلِّم مقابل المرجع، في المستندات المحكَّمة التي أنجزها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/scores_tab.py" line="50"/>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/scores_tab.py" line="83"/>
        <source>Scoring against gold…</source>
        <translation>جارٍ التقييم مقابل المرجع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/scores_tab.py" line="99"/>
        <source>Each annotator against gold on %1 adjudicated documents.</source>
        <translation>كل معلِّم مقابل المرجع في %1 مستندًا محكَّمًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="131"/>
        <source>Choose a row to see every annotator&apos;s version.</source>
        <extracomment>Each annotator&apos;s note and flag on the document, under their version.</extracomment>
        <translation>اختر صفًا لترى نسخة كل معلِّم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="148"/>
        <source>This annotator&apos;s note on the whole document</source>
        <translation>ملاحظة هذا المُعلِّم على المستند كله</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="193"/>
        <source>The claims&apos; structure differs: compare stance, claimer and cue.</source>
        <translation>بنية الادعاءات مختلفة: قارن الموقف والقائل ولفظ الإسناد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="231"/>
        <source>Accept (%1)</source>
        <translation>قبول (%1)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="234"/>
        <source>Put %1&apos;s version of this row into gold</source>
        <translation>ضع نسخة %1 من هذا الصف في المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="240"/>
        <source>Reject row (0)</source>
        <translation>رفض الصف (0)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/versions.py" line="241"/>
        <source>No gold span here</source>
        <translation>لا مقطع مرجعي هنا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="70"/>
        <source>Review — %1</source>
        <translation>المراجعة — %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="79"/>
        <location filename="../../annotator/gui/review/claim_structure_model.py" line="39"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="80"/>
        <source>Adjudicate</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="81"/>
        <source>Scores against gold</source>
        <translation>الدرجات مقابل المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="83"/>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="169"/>
        <source>Cannot undo or redo: %1</source>
        <translation>تعذّر التراجع أو الإعادة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="182"/>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="185"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="187"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="192"/>
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/window.py" line="195"/>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="48"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="49"/>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="50"/>
        <source>Accepted</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="51"/>
        <source>Rejected</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="52"/>
        <source>Accepted of decided</source>
        <translation>المقبول من المحسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="74"/>
        <source>%1 spans came from accepted suggestions; %2 suggestions were rejected.</source>
        <translation>%1 مقطعًا جاءت من اقتراحات مقبولة؛ ورُفض %2 اقتراحًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/suggestions_tab.py" line="82"/>
        <source>No suggestions yet (the editor&apos;s Suggestions menu makes them).</source>
        <translation>لا اقتراحات بعد (تصنعها قائمة الاقتراحات في المحرر).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review/notes.py" line="45"/>
        <source>unsure</source>
        <translation>غير متأكد</translation>
    </message>
</context>
<context>
    <name>SpanListModel</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="104"/>
        <source>Label</source>
        <extracomment>Shown before the text of a span with punctuation or a space at an edge. Shown before the text of a span its annotator flagged &quot;unsure&quot;. Shown before the text of a span with a note (its tooltip shows the note). plain-text lines a feature adds about a span (attributes, claimer): shown after its text and in its tooltip</extracomment>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="106"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="133"/>
        <source>Starts or ends with punctuation or a space.</source>
        <translation>يبدأ أو ينتهي بعلامة ترقيم أو مسافة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="137"/>
        <source>Unsure</source>
        <translation>غير متأكد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="140"/>
        <source>Note: %1</source>
        <translation>ملاحظة: %1</translation>
    </message>
</context>
<context>
    <name>SpanListWidget</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="216"/>
        <source>Spans: %1</source>
        <translation>المقاطع: %1</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <location filename="../../annotator/gui/suggestion_queue.py" line="82"/>
        <source>No document has an uncertainty yet: suggest for the next documents first.</source>
        <extracomment>project_meta: &quot;uncertain&quot; when Done-and-next opens the least sure document first.</extracomment>
        <translation>لا مستند له قيمة عدم يقين بعد: اقترح للمستندات التالية أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_preparation.py" line="120"/>
        <source>Suggest for the next documents</source>
        <extracomment>How long a document stays open before the next ones are prepared (the editor warms spaCy&apos;s tokenizer after as long).</extracomment>
        <translation>اقترح للمستندات التالية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_preparation.py" line="121"/>
        <source>How many documents (those not done, in queue order)?</source>
        <translation>كم مستندًا (غير المنجزة، بترتيب الطابور)؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_preparation.py" line="133"/>
        <source>Suggesting for %1 documents…</source>
        <translation>جارٍ الاقتراح لـ %1 مستندات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_preparation.py" line="137"/>
        <source>Suggestions ready for %1 documents.</source>
        <translation>الاقتراحات جاهزة لـ %1 مستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="46"/>
        <source>Suggestions now come from the gazetteer and %1.</source>
        <extracomment>spaCy training steps of a model trained from the menu (a few minutes on a CPU)</extracomment>
        <translation>تأتي الاقتراحات الآن من المعجم ومن %1.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="48"/>
        <source>Suggestions now come from the gazetteer alone.</source>
        <translation>تأتي الاقتراحات الآن من المعجم وحده.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="55"/>
        <source>A folder holding a spaCy pipeline</source>
        <translation>مجلد فيه نموذج spaCy</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="76"/>
        <source>A model is training already.</source>
        <translation>يجري تدريب نموذج أصلًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="80"/>
        <source>Training a model on gold…</source>
        <translation>جارٍ تدريب نموذج على المرجع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="82"/>
        <source>Training a model on %1&apos;s done documents…</source>
        <translation>جارٍ تدريب نموذج على مستندات %1 المنجزة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="86"/>
        <source>Training a model on the done documents…</source>
        <translation>جارٍ تدريب نموذج على المستندات المنجزة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="87"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="92"/>
        <source>Train a model</source>
        <translation>تدريب نموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="104"/>
        <source>Model trained: %1. It suggests from now on.</source>
        <translation>دُرّب النموذج: %1. سيقترح من الآن.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="109"/>
        <source>Training stopped: %1</source>
        <translation>توقف التدريب: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="113"/>
        <source>Training cancelled.</source>
        <translation>أُلغي التدريب.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="120"/>
        <source>Retrain automatically</source>
        <translation>إعادة التدريب تلقائيًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_models.py" line="121"/>
        <source>Retrain after this many newly done documents (0: never):</source>
        <translation>أعد التدريب بعد هذا العدد من المستندات المنجزة حديثًا (0: أبدًا):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="145"/>
        <location filename="../../annotator/gui/suggestion_controls.py" line="203"/>
        <source>Select a span first (click it), then label all.</source>
        <translation>حدد مقطعًا أولًا (انقر عليه)، ثم سمِّ الكل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="37"/>
        <location filename="../../annotator/gui/suggestion_terms.py" line="47"/>
        <source>Import a term list</source>
        <translation>استيراد قائمة مصطلحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="39"/>
        <source>Term lists (*.csv *.txt);;All files (*)</source>
        <translation>قوائم المصطلحات (*.csv *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="48"/>
        <source>One term a line: which label are they?</source>
        <translation>مصطلح في كل سطر: ما تسميتها؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="64"/>
        <source>%1 new terms in the gazetteer (of %2 read).</source>
        <translation>%1 مصطلحًا جديدًا في المعجم (من %2 مقروءة).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="77"/>
        <source>Export the gazetteer</source>
        <translation>تصدير المعجم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="79"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="88"/>
        <source>Cannot write %1: %2</source>
        <translation>تعذرت كتابة %1: %2</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_terms.py" line="92"/>
        <source>%1 terms written to %2.</source>
        <translation>كُتب %1 مصطلحًا في %2.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="169"/>
        <source>&amp;Model: %1…</source>
        <translation>ال&amp;نموذج: %1…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="171"/>
        <location filename="../../annotator/gui/suggestion_menu.py" line="183"/>
        <source>Use a &amp;model…</source>
        <translation>استخدام &amp;نموذج…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="175"/>
        <source>&amp;Suggestions</source>
        <translation>ا&amp;قتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="176"/>
        <source>&amp;Accept all in this document</source>
        <translation>&amp;قبول الكل في هذا المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="177"/>
        <source>&amp;Label all occurrences…</source>
        <translation>&amp;تسمية كل المواضع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="178"/>
        <source>Suggest for &amp;this document</source>
        <translation>اقترح لـ&amp;هذا المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="179"/>
        <source>Suggest for the &amp;next documents…</source>
        <translation>اقترح للمستندات ال&amp;تالية…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="181"/>
        <source>&amp;Prepare the next documents in the background</source>
        <translation>&amp;جهّز المستندات التالية في الخلفية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="184"/>
        <source>&amp;Gazetteer alone (no model)</source>
        <translation>ال&amp;معجم وحده (بلا نموذج)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="185"/>
        <source>&amp;Train a model from the project…</source>
        <translation>&amp;درّب نموذجًا من المشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="186"/>
        <source>&amp;Retrain every N done documents…</source>
        <translation>أ&amp;عد التدريب كل N مستندات منجزة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="187"/>
        <source>Queue: most &amp;uncertain first</source>
        <translation>الطابور: الأقل &amp;يقينًا أولًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="189"/>
        <source>Done and next opens the document the model is least sure of</source>
        <translation>«منجز والتالي» يفتح المستند الذي يكون النموذج أقل يقينًا منه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="191"/>
        <source>&amp;Import a term list…</source>
        <translation>ا&amp;ستيراد قائمة مصطلحات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_menu.py" line="192"/>
        <source>&amp;Export the gazetteer…</source>
        <translation>ت&amp;صدير المعجم…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="124"/>
        <source>No suggestions in this document (Suggestions → Suggest for this document).</source>
        <translation>لا اقتراحات في هذا المستند (الاقتراحات ← اقترح لهذا المستند).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="156"/>
        <source>Accept %1 «%2»</source>
        <translation>قبول %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="171"/>
        <source>Reject %1 «%2»</source>
        <translation>رفض %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="186"/>
        <location filename="../../annotator/gui/suggestion_controls.py" line="233"/>
        <source>No suggestions left in this document.</source>
        <translation>لم يبقَ اقتراح في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="189"/>
        <source>Accept all suggestions</source>
        <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="191"/>
        <source>Accepted %1 suggestions.</source>
        <translation>قُبل %1 اقتراحًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="194"/>
        <source>%1 left: they cross an entity.</source>
        <translation>بقي %1: تتقاطع مع كيان.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="206"/>
        <source>Label all occurrences</source>
        <translation>تسمية كل المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="212"/>
        <source>Labelled %1 occurrences in %2 documents; %3 skipped.</source>
        <translation>سُمّي %1 موضعًا في %2 مستندات؛ وتُرك %3.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_controls.py" line="250"/>
        <source>Suggestion %1 of %2: %3 «%4» (%5, %6) · Enter accepts</source>
        <translation>الاقتراح %1 من %2: %3 «%4» (%5، %6) · Enter للقبول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_layer.py" line="31"/>
        <source>gazetteer</source>
        <translation>المعجم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_layer.py" line="155"/>
        <source>Suggested %1 · %2 · score %3</source>
        <translation>مقترح %1 · %2 · الدرجة %3</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_layer.py" line="163"/>
        <source>seen as %1</source>
        <translation>ورد بوصفه %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_layer.py" line="167"/>
        <source>Enter: accept · Delete: reject · Tab: next</source>
        <translation>Enter: قبول · Delete: رفض · Tab: التالي</translation>
    </message>
</context>
</TS>
