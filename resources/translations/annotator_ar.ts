<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AnnotationEditor</name>
    <message>
        <location filename="../../annotator/gui/editor.py" line="236" />
        <source>Exact characters</source>
        <translation>أحرف دقيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="240" />
        <source>Keep the exact characters of a selection instead of whole tokens (or hold Alt while selecting).</source>
        <translation>الإبقاء على أحرف التحديد كما هي بدل الكلمات الكاملة (أو اضغط Alt أثناء التحديد).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="302" />
        <location filename="../../annotator/gui/editor.py" line="370" />
        <source>No label named {0} in this project.</source>
        <translation>لا توجد تسمية باسم {0} في هذا المشروع.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="311" />
        <source>Select some text (or click a span) first.</source>
        <translation>حدّد نصًا (أو انقر على مقطع) أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="326" />
        <source>Not found: {0}</source>
        <translation>غير موجود: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="428" />
        <source>Open a document first.</source>
        <translation>افتح مستندًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="431" />
        <source>Set the annotator's name first.</source>
        <translation>أدخل اسم المُعلِّم أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="440" />
        <source>Nothing to label: the selection holds only spaces.</source>
        <translation>لا شيء لوسمه: التحديد مسافات فقط.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="445" />
        <source>Add {0} «{1}»</source>
        <translation>إضافة {0} «{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="459" />
        <source>Replaced {0} with {1}.</source>
        <translation>استُبدل {0} بـ {1}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="467" />
        <source>Relabel {0} → {1} «{2}»</source>
        <translation>تغيير التسمية {0} ← {1} «{2}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="479" />
        <source>Delete {0} «{1}»</source>
        <translation>حذف {0} «{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="522" />
        <source>Cannot undo or redo: {0}</source>
        <translation>تعذّر التراجع أو الإعادة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/editor.py" line="529" />
        <source>Not added: {0} would overlap {1} «{2}». Delete that span first, or mark exactly the same characters to replace it.</source>
        <translation>لم يُضف: {0} سيتداخل مع {1} «{2}». احذف ذلك المقطع أولًا، أو حدّد الأحرف نفسها تمامًا لاستبداله.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/gui/app.py" line="208" />
        <location filename="../../annotator/gui/app.py" line="212" />
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="246" />
        <source>No such document</source>
        <translation>لا يوجد هذا المستند</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="64" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="66" />
        <source>Welcome to Annotator</source>
        <translation>مرحبًا بك في Annotator</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="69" />
        <source>Who is annotating? Your name is saved with every highlight, so the work of several annotators can be compared and merged.</source>
        <translation>من يُعلِّم؟ يُحفظ اسمك مع كل تظليل، لتمكن مقارنة عمل عدة مُعلِّمين ودمجه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="82" />
        <source>Your name</source>
        <translation>اسمك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="124" />
        <source>Go to document</source>
        <translation>الانتقال إلى مستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="127" />
        <source>Number or title</source>
        <translation>الرقم أو العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="324" />
        <source>New documents: %1</source>
        <translation>مستندات جديدة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="325" />
        <source>Already in the project: %1</source>
        <translation>موجودة في المشروع من قبل: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="328" />
        <source>Spans added: %1</source>
        <translation>مقاطع مضافة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="332" />
        <source>Labels added: %1</source>
        <translation>تسميات مضافة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="335" />
        <source>Cancelled: files read before cancelling were kept.</source>
        <translation>أُلغي: حُفظت الملفات التي قُرئت قبل الإلغاء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="338" />
        <source>Files not imported: %1</source>
        <translation>ملفات لم تُستورد: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="239" />
        <location filename="../../annotator/gui/dialogs.py" line="360" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="363" />
        <source>Reading files…</source>
        <translation>قراءة الملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="373" />
        <location filename="../../annotator/gui/dialogs.py" line="599" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="392" />
        <source>Cancelling after the current batch…</source>
        <translation>يُلغى بعد الدفعة الحالية…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="415" />
        <source>%1 of %2 files: %3</source>
        <translation>%1 من %2 ملفات: %3</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="427" />
        <source>Import cancelled.</source>
        <translation>أُلغي الاستيراد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="429" />
        <source>Import finished.</source>
        <translation>انتهى الاستيراد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="440" />
        <source>Import failed; nothing from the failed batch was stored.</source>
        <translation>فشل الاستيراد؛ لم يُحفظ شيء من الدفعة الفاشلة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="448" />
        <location filename="../../annotator/gui/dialogs.py" line="627" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="525" />
        <location filename="../../annotator/gui/dialogs.py" line="561" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="531" />
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="538" />
        <source>Gold (adjudicated)</source>
        <translation>المرجع (بعد التحكيم)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="540" />
        <source>Spans of:</source>
        <translation>مقاطع:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="541" />
        <source>Include documents not marked done</source>
        <translation>تضمين المستندات غير المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="545" />
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="549" />
        <source>Folder:</source>
        <translation>المجلد:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="574" />
        <source>Export into folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="633" />
        <source>Export cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="214" />
        <source>Import options</source>
        <translation>خيارات الاستيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="218" />
        <source>As named in the files</source>
        <translation>كما هو مسمّى في الملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="221" />
        <source>Spans belong to:</source>
        <translation>المقاطع تعود إلى:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="222" />
        <source>Add labels the project lacks</source>
        <translation>إضافة التسميات غير الموجودة في المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="226" />
        <source>Rename labels:</source>
        <translation>إعادة تسمية التسميات:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="229" />
        <source>Detect</source>
        <translation>اكتشاف تلقائي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="230" />
        <source>Text encoding:</source>
        <translation>ترميز النص:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="231" />
        <source>CoNLL: accept IOB1 tags</source>
        <translation>CoNLL: قبول وسوم IOB1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="255" />
        <source>Write renamings as FROM=TO, e.g. PERS=PER (not “%1”).</source>
        <translation>اكتب إعادة التسمية بصيغة من=إلى، مثل PERS=PER (وليس «%1»).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/dialogs.py" line="262" />
        <source>Choose another annotator name.</source>
        <translation>اختر اسم معلِّم آخر.</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="42" />
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="43" />
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="44" />
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="45" />
        <source>Skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="305" />
        <source>(untitled)</source>
        <translation>(بلا عنوان)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="332" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="334" />
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/documents_model.py" line="336" />
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="241" />
        <source>Find:</source>
        <translation>بحث:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="243" />
        <source>Text in the article (tashkeel and hamza forms ignored)</source>
        <translation>نص في المقال (بتجاهل التشكيل وأشكال الهمزة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="245" />
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="246" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="247" />
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="265" />
        <source>Not found</source>
        <translation>غير موجود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="524" />
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="525" />
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="526" />
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="527" />
        <source>&amp;Recent projects</source>
        <translation>المشاريع الأ&amp;خيرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="528" />
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="529" />
        <source>Import &amp;folder…</source>
        <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="531" />
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="532" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="533" />
        <source>&amp;Edit</source>
        <translation>ت&amp;حرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="534" />
        <source>&amp;Find in article…</source>
        <translation>&amp;بحث في المقال…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="535" />
        <source>Find &amp;next</source>
        <translation>البحث عن ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="536" />
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="537" />
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="538" />
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="539" />
        <source>&amp;Reset zoom</source>
        <translation>إعادة ال&amp;حجم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="540" />
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="541" />
        <source>&amp;Panels</source>
        <translation>الأ&amp;لواح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="542" />
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="543" />
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="544" />
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="545" />
        <source>&amp;Go to document…</source>
        <translation>الانتقال إلى &amp;مستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="546" />
        <source>Mark &amp;done and next</source>
        <translation>وضع علامة &amp;منجز والتالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="547" />
        <source>Mark &amp;skipped and next</source>
        <translation>وضع علامة م&amp;تروك والتالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="548" />
        <source>&amp;Annotator</source>
        <translation>المُ&amp;علِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="549" />
        <source>&amp;Switch annotator…</source>
        <translation>&amp;تبديل المُعلِّم…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="553" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="554" />
        <source>Labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="555" />
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="556" />
        <source>Search titles</source>
        <translation>بحث في العناوين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="572" />
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="573" />
        <source>Not done</source>
        <translation>غير منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="574" />
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="575" />
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="576" />
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="577" />
        <source>Skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="691" />
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="702" />
        <source>Cannot create the project</source>
        <translation>تعذّر إنشاء المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="759" />
        <source>There is no document %1.</source>
        <translation>لا يوجد مستند رقم %1.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="822" />
        <source>This is the last document.</source>
        <translation>هذا آخر مستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="829" />
        <source>This is the first document.</source>
        <translation>هذا أول مستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="867" />
        <source>Every document is done or skipped.</source>
        <translation>كل المستندات منجزة أو متروكة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="880" />
        <source>Mark done</source>
        <translation>وضع علامة منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="881" />
        <source>Mark skipped</source>
        <translation>وضع علامة متروك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="882" />
        <source>Set status</source>
        <translation>تعيين الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="934" />
        <source>&amp;Undo %1</source>
        <translation>&amp;تراجع: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="936" />
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="939" />
        <source>&amp;Redo %1</source>
        <translation>إ&amp;عادة: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="941" />
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1055" />
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1057" />
        <source>Articles and annotations (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy);;All files (*)</source>
        <translation>مقالات وتعليقات (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1067" />
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1145" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1147" />
        <source>Annotator projects (*.sqlite)</source>
        <translation>مشاريع Annotator (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1157" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1159" />
        <source>Annotator projects (*.sqlite);;All files (*)</source>
        <translation>مشاريع Annotator (*.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1169" />
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1211" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1220" />
        <source>%1 / %2 done</source>
        <translation>%1 / %2 منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1225" />
        <source>Annotator: %1</source>
        <translation>المُعلِّم: %1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="550" />
        <source>Toolbar</source>
        <translation>شريط الأدوات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="551" />
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="552" />
        <source>&amp;Agreement and adjudication…</source>
        <translation>&amp;الاتفاق والتحكيم…</translation>
    </message>
    <message>
        <source>Cannot undo or redo: %1</source>
        <translation>تعذّر التراجع أو الإعادة: %1</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <location filename="../../annotator/gui/palette.py" line="67" />
        <source>Sticky label</source>
        <translation>تسمية مثبّتة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/palette.py" line="70" />
        <source>Click a label to arm it; every selection made with the mouse gets it on release.</source>
        <translation>انقر تسمية لتثبيتها؛ يأخذها كل تحديد بالفأرة عند الإفلات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/palette.py" line="158" />
        <source>Armed: {0}</source>
        <translation>المثبّتة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/palette.py" line="160" />
        <source>Click a label to arm it.</source>
        <translation>انقر تسمية لتثبيتها.</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="56" />
        <source>Exact span F1</source>
        <translation>F1 المطابقة التامة للمقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="57" />
        <location filename="../../annotator/gui/review_models.py" line="648" />
        <source>Overlap F1</source>
        <translation>F1 التداخل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="58" />
        <source>Cohen's κ (tokens)</source>
        <translation>كابا كوهين (الكلمات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="59" />
        <location filename="../../annotator/gui/review_models.py" line="650" />
        <source>Claims overlap F1</source>
        <translation>F1 تداخل الادعاءات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="78" />
        <source>unanimous</source>
        <translation>إجماع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="79" />
        <source>label</source>
        <translation>تسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="80" />
        <source>boundary</source>
        <translation>حدود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="81" />
        <source>both</source>
        <translation>كلاهما</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="82" />
        <source>missing</source>
        <translation>ناقص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="208" />
        <source>{a} × {b}: {metric} = {value} on {n} documents</source>
        <translation>{a} × {b}: {metric} = {value} على {n} مستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="272" />
        <source>{a}: {na} spans, {b}: {nb} spans, {tp} identical</source>
        <translation>{a}: {na} مقطع، {b}: {nb} مقطع، {tp} متطابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="283" />
        <source>All pairs</source>
        <translation>كل الأزواج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="303" />
        <source>Documents compared</source>
        <translation>المستندات المقارنة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="306" />
        <source>Mean exact F1 (over pairs)</source>
        <translation>متوسط F1 المطابقة (على الأزواج)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="309" />
        <source>Pooled exact F1</source>
        <translation>F1 المطابقة المجمّعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="312" />
        <source>Krippendorff's α (entities)</source>
        <translation>ألفا كريبندورف (الكيانات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="315" />
        <source>Fleiss' κ</source>
        <translation>كابا فلايس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="318" />
        <source>Documents every annotator finished</source>
        <translation>مستندات أنجزها كل المعلِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="323" />
        <source>Krippendorff's α (claims, characters)</source>
        <translation>ألفا كريبندورف (الادعاءات، أحرف)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="326" />
        <source>Boundary disagreements</source>
        <translation>اختلافات في الحدود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="327" />
        <source>Label disagreements</source>
        <translation>اختلافات في التسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="328" />
        <source>Boundary and label</source>
        <translation>الحدود والتسمية معًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="329" />
        <source>Missed / extra spans</source>
        <translation>مقاطع فائتة / زائدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="361" />
        <source>Measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="361" />
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="378" />
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="379" />
        <source>Annotators</source>
        <translation>المعلِّمون</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="380" />
        <source>Entity F1</source>
        <translation>F1 الكيانات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="381" />
        <source>Claims F1</source>
        <translation>F1 الادعاءات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="382" />
        <source>Disagreement</source>
        <translation>الاختلاف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="383" />
        <source>Adjudicated</source>
        <translation>محكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="596" />
        <source>claim</source>
        <translation>ادعاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="598" />
        <source>entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="631" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="633" />
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="635" />
        <source>Gold</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="643" />
        <source>Annotator</source>
        <translation>المعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="644" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="645" />
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="646" />
        <source>Gold spans</source>
        <translation>المقاطع المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="647" />
        <source>Exact F1</source>
        <translation>F1 المطابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_models.py" line="649" />
        <source>Cohen's κ</source>
        <translation>كابا كوهين</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../annotator/gui/review.py" line="549" />
        <source>Review — {0}</source>
        <extracomment>after accepting or rejecting a row, move to the next one</extracomment>
        <translation>المراجعة — {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="621" />
        <location filename="../../annotator/gui/review.py" line="623" />
        <source>Computing agreement…</source>
        <translation>جارٍ حساب الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="623" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="624" />
        <location filename="../../annotator/gui/review.py" line="898" />
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="637" />
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="663" />
        <source>nobody finished it</source>
        <translation>لم يُنجزه أحد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="701" />
        <source>No annotator number {0} here.</source>
        <translation>لا يوجد معلِّم رقمه {0} هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="726" />
        <source>Accept the majority</source>
        <translation>قبول رأي الأغلبية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="729" />
        <source>Majority accepted for {0} rows; {1} left without a majority.</source>
        <translation>قُبل رأي الأغلبية في {0} صفًا؛ وبقي {1} بلا أغلبية.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="741" />
        <source>No label named {0} in this project.</source>
        <translation>لا توجد تسمية باسم {0} في هذا المشروع.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="745" />
        <source>Select some text in the gold version first.</source>
        <translation>حدّد نصًا في النسخة المرجعية أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="755" />
        <source>Nothing to label: the selection holds only spaces.</source>
        <translation>لا شيء للتسمية: التحديد مسافات فقط.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="766" />
        <source>Gold {0} «{1}»</source>
        <translation>مرجع {0} «{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="782" />
        <source>Click a gold span first.</source>
        <translation>انقر على مقطع مرجعي أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="786" />
        <source>Remove gold {0} «{1}»</source>
        <translation>حذف المرجع {0} «{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="803" />
        <source>Marked adjudicated.</source>
        <translation>عُلِّم كمحكَّم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="803" />
        <source>No longer adjudicated.</source>
        <translation>لم يعد محكَّمًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="820" />
        <source>Scoring against gold…</source>
        <translation>جارٍ التقييم مقابل المرجع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="839" />
        <source>Recompute</source>
        <translation>إعادة الحساب</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="843" />
        <source>All annotators</source>
        <translation>كل المعلِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="845" />
        <source>All labels</source>
        <translation>كل التسميات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="857" />
        <source>Pairwise agreement</source>
        <translation>الاتفاق بين كل اثنين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="876" />
        <source>Overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="887" />
        <source>Exact F1 per label</source>
        <translation>F1 المطابق لكل تسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="923" />
        <source>Choose a document.</source>
        <translation>اختر مستندًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="927" />
        <source>Accept majority (whole document)</source>
        <translation>قبول الأغلبية (المستند كله)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="930" />
        <source>Adjudicated</source>
        <translation>محكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="932" />
        <source>Disputed rows only</source>
        <translation>الصفوف المختلف عليها فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="948" />
        <source>Gold — select text and press a label key; Delete removes the clicked gold span. Keys: </source>
        <translation>المرجع — حدّد نصًا واضغط مفتاح تسمية؛ Delete يحذف المقطع المرجعي المنقور. المفاتيح: </translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="974" />
        <source>1…N: accept that annotator's version · 0 or Delete: reject the row</source>
        <translation>1…N: قبول نسخة ذلك المعلِّم · 0 أو Delete: رفض الصف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="995" />
        <source>Adjudicate</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1002" />
        <source>Each annotator against gold, on adjudicated documents they finished.</source>
        <translation>كل معلِّم مقابل المرجع، في المستندات المحكَّمة التي أنجزها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1005" />
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1014" />
        <source>Scores against gold</source>
        <translation>الدرجات مقابل المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1017" />
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1020" />
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1022" />
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1027" />
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1030" />
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1064" />
        <source>Documents finished by two annotators or more: {0}. Annotators: {1}.</source>
        <translation>مستندات أنجزها معلِّمان أو أكثر: {0}. المعلِّمون: {1}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1084" />
        <source>No agreement: {0}</source>
        <translation>لا اتفاق: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1089" />
        <source>cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1091" />
        <source>Agreement cancelled; press Recompute to start again.</source>
        <translation>أُلغي حساب الاتفاق؛ اضغط «إعادة الحساب» للبدء من جديد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1101" />
        <source>Each annotator against gold on {0} adjudicated documents.</source>
        <translation>كل معلِّم مقابل المرجع في {0} مستندًا محكَّمًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1123" />
        <source>This project is open read-only: nothing can be adjudicated.</source>
        <translation>هذا المشروع مفتوح للقراءة فقط: لا يمكن التحكيم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1130" />
        <source>Choose a row first.</source>
        <translation>اختر صفًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1136" />
        <source>Reject row «{0}»</source>
        <translation>رفض الصف «{0}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1138" />
        <source>Accept {0} for «{1}»</source>
        <translation>قبول {0} لـ«{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="1191" />
        <source>Cannot undo or redo: {0}</source>
        <translation>تعذّر التراجع أو الإعادة: {0}</translation>
    </message>
</context>
<context>
    <name>SpanListModel</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="85" />
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="85" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
</context>
<context>
    <name>SpanListWidget</name>
    <message numerus="yes">
        <location filename="../../annotator/gui/span_list.py" line="164" />
        <source>%n span(s)</source>
        <translation>
            <numerusform>لا مقاطع</numerusform>
            <numerusform>مقطع واحد</numerusform>
            <numerusform>مقطعان</numerusform>
            <numerusform>%n مقاطع</numerusform>
            <numerusform>%n مقطعًا</numerusform>
            <numerusform>%n مقطع</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_VersionsPanel</name>
    <message>
        <location filename="../../annotator/gui/review.py" line="428" />
        <location filename="../../annotator/gui/review.py" line="454" />
        <source>Choose a row to see every annotator's version.</source>
        <translation>اختر صفًا لترى نسخة كل معلِّم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="462" />
        <source>Gold</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="487" />
        <source>Accept ({0})</source>
        <translation>قبول ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="488" />
        <source>Put {0}'s version of this row into gold</source>
        <translation>ضع نسخة {0} من هذا الصف في المرجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="494" />
        <source>Reject row (0)</source>
        <translation>رفض الصف (0)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="495" />
        <source>No gold span here</source>
        <translation>لا مقطع مرجعي هنا</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
</context>
</TS>