<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>AnnotationEditor</name>
        <message>
            <location filename="../../annotator/gui/editor.py" line="220" />
            <source>Exact characters</source>
            <translation>أحرف دقيقة</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="223" />
            <source>Keep the exact characters of a selection instead of whole tokens (or hold Alt while selecting).</source>
            <translation>الإبقاء على أحرف التحديد كما هي بدل الكلمات الكاملة (أو اضغط Alt أثناء التحديد).</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="281" />
            <location filename="../../annotator/gui/editor.py" line="346" />
            <source>No label named {0} in this project.</source>
            <translation>لا توجد تسمية باسم {0} في هذا المشروع.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="290" />
            <source>Select some text (or click a span) first.</source>
            <translation>حدّد نصًا (أو انقر على مقطع) أولًا.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="305" />
            <source>Not found: {0}</source>
            <translation>غير موجود: {0}</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="404" />
            <source>Open a document first.</source>
            <translation>افتح مستندًا أولًا.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="407" />
            <source>Set the annotator's name first.</source>
            <translation>أدخل اسم المُعلِّم أولًا.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="416" />
            <source>Nothing to label: the selection holds only spaces.</source>
            <translation>لا شيء لوسمه: التحديد مسافات فقط.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="420" />
            <source>Add {0} «{1}»</source>
            <translation>إضافة {0} «{1}»</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="433" />
            <source>Replaced {0} with {1}.</source>
            <translation>استُبدل {0} بـ {1}.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="441" />
            <source>Relabel {0} → {1} «{2}»</source>
            <translation>تغيير التسمية {0} ← {1} «{2}»</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="452" />
            <source>Delete {0} «{1}»</source>
            <translation>حذف {0} «{1}»</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="491" />
            <source>Cannot undo or redo: {0}</source>
            <translation>تعذّر التراجع أو الإعادة: {0}</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/editor.py" line="498" />
            <source>Not added: {0} would overlap {1} «{2}». Delete that span first, or mark exactly the same characters to replace it.</source>
            <translation>لم يُضف: {0} سيتداخل مع {1} «{2}». احذف ذلك المقطع أولًا، أو حدّد الأحرف نفسها تمامًا لاستبداله.</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../../annotator/gui/app.py" line="176" />
            <location filename="../../annotator/gui/app.py" line="180" />
            <source>Cannot open the project</source>
            <translation>تعذّر فتح المشروع</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/app.py" line="214" />
            <source>No such document</source>
            <translation>لا يوجد هذا المستند</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="61" />
            <source>Annotator</source>
            <translation>المُعلِّم</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="63" />
            <source>Welcome to Annotator</source>
            <translation>مرحبًا بك في Annotator</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="66" />
            <source>Who is annotating? Your name is saved with every highlight, so the work of several annotators can be compared and merged.</source>
            <translation>من يُعلِّم؟ يُحفظ اسمك مع كل تظليل، لتمكن مقارنة عمل عدة مُعلِّمين ودمجه.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="79" />
            <source>Your name</source>
            <translation>اسمك</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="121" />
            <source>Go to document</source>
            <translation>الانتقال إلى مستند</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="124" />
            <source>Number or title</source>
            <translation>الرقم أو العنوان</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="223" />
            <source>New documents: %1</source>
            <translation>مستندات جديدة: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="224" />
            <source>Already in the project: %1</source>
            <translation>موجودة في المشروع من قبل: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="227" />
            <source>Spans added: %1</source>
            <translation>مقاطع مضافة: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="231" />
            <source>Labels added: %1</source>
            <translation>تسميات مضافة: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="234" />
            <source>Cancelled: files read before cancelling were kept.</source>
            <translation>أُلغي: حُفظت الملفات التي قُرئت قبل الإلغاء.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="237" />
            <source>Files not imported: %1</source>
            <translation>ملفات لم تُستورد: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="259" />
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="262" />
            <source>Reading files…</source>
            <translation>قراءة الملفات…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="272" />
            <location filename="../../annotator/gui/dialogs.py" line="498" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="291" />
            <source>Cancelling after the current batch…</source>
            <translation>يُلغى بعد الدفعة الحالية…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="314" />
            <source>%1 of %2 files: %3</source>
            <translation>%1 من %2 ملفات: %3</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="326" />
            <source>Import cancelled.</source>
            <translation>أُلغي الاستيراد.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="328" />
            <source>Import finished.</source>
            <translation>انتهى الاستيراد.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="339" />
            <source>Import failed; nothing from the failed batch was stored.</source>
            <translation>فشل الاستيراد؛ لم يُحفظ شيء من الدفعة الفاشلة.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="347" />
            <location filename="../../annotator/gui/dialogs.py" line="526" />
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="424" />
            <location filename="../../annotator/gui/dialogs.py" line="460" />
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="430" />
            <source>Format:</source>
            <translation>الصيغة:</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="437" />
            <source>Gold (adjudicated)</source>
            <translation>المرجع (بعد التحكيم)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="439" />
            <source>Spans of:</source>
            <translation>مقاطع:</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="440" />
            <source>Include documents not marked done</source>
            <translation>تضمين المستندات غير المنجزة</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="444" />
            <source>Browse…</source>
            <translation>استعراض…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="448" />
            <source>Folder:</source>
            <translation>المجلد:</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="473" />
            <source>Export into folder</source>
            <translation>التصدير إلى مجلد</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/dialogs.py" line="532" />
            <source>Export cancelled; nothing was written.</source>
            <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
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
            <location filename="../../annotator/gui/main_window.py" line="229" />
            <source>Find:</source>
            <translation>بحث:</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="231" />
            <source>Text in the article (tashkeel and hamza forms ignored)</source>
            <translation>نص في المقال (بتجاهل التشكيل وأشكال الهمزة)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="233" />
            <source>Previous</source>
            <translation>السابق</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="234" />
            <source>Next</source>
            <translation>التالي</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="235" />
            <source>Close (Esc)</source>
            <translation>إغلاق (Esc)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="253" />
            <source>Not found</source>
            <translation>غير موجود</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="494" />
            <source>&amp;File</source>
            <translation>&amp;ملف</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="495" />
            <source>&amp;New project…</source>
            <translation>مشروع &amp;جديد…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="496" />
            <source>&amp;Open project…</source>
            <translation>&amp;فتح مشروع…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="497" />
            <source>&amp;Recent projects</source>
            <translation>المشاريع الأ&amp;خيرة</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="498" />
            <source>&amp;Import files…</source>
            <translation>ا&amp;ستيراد ملفات…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="499" />
            <source>Import &amp;folder…</source>
            <translation>استيراد م&amp;جلد…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="501" />
            <source>&amp;Export…</source>
            <translation>&amp;تصدير…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="502" />
            <source>&amp;Quit</source>
            <translation>&amp;خروج</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="503" />
            <source>&amp;Edit</source>
            <translation>ت&amp;حرير</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="504" />
            <source>&amp;Find in article…</source>
            <translation>&amp;بحث في المقال…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="505" />
            <source>Find &amp;next</source>
            <translation>البحث عن ال&amp;تالي</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="506" />
            <source>&amp;View</source>
            <translation>&amp;عرض</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="507" />
            <source>Zoom &amp;in</source>
            <translation>ت&amp;كبير</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="508" />
            <source>Zoom &amp;out</source>
            <translation>ت&amp;صغير</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="509" />
            <source>&amp;Reset zoom</source>
            <translation>إعادة ال&amp;حجم</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="510" />
            <source>&amp;Language</source>
            <translation>ال&amp;لغة</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="511" />
            <source>&amp;Panels</source>
            <translation>الأ&amp;لواح</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="512" />
            <source>&amp;Go</source>
            <translation>ا&amp;نتقال</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="513" />
            <source>&amp;Next document</source>
            <translation>المستند ال&amp;تالي</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="514" />
            <source>&amp;Previous document</source>
            <translation>المستند ال&amp;سابق</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="515" />
            <source>&amp;Go to document…</source>
            <translation>الانتقال إلى &amp;مستند…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="516" />
            <source>Mark &amp;done and next</source>
            <translation>وضع علامة &amp;منجز والتالي</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="517" />
            <source>Mark &amp;skipped and next</source>
            <translation>وضع علامة م&amp;تروك والتالي</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="518" />
            <source>&amp;Annotator</source>
            <translation>المُ&amp;علِّم</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="519" />
            <source>&amp;Switch annotator…</source>
            <translation>&amp;تبديل المُعلِّم…</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="520" />
            <source>Documents</source>
            <translation>المستندات</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="521" />
            <source>Labels</source>
            <translation>التسميات</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="522" />
            <source>Spans</source>
            <translation>المقاطع</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="523" />
            <source>Search titles</source>
            <translation>بحث في العناوين</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="539" />
            <source>All</source>
            <translation>الكل</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="540" />
            <source>Not done</source>
            <translation>غير منجز</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="541" />
            <source>New</source>
            <translation>جديد</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="542" />
            <source>In progress</source>
            <translation>قيد العمل</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="543" />
            <source>Done</source>
            <translation>منجز</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="544" />
            <source>Skipped</source>
            <translation>متروك</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="655" />
            <source>Cannot open the project</source>
            <translation>تعذّر فتح المشروع</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="666" />
            <source>Cannot create the project</source>
            <translation>تعذّر إنشاء المشروع</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="723" />
            <source>There is no document %1.</source>
            <translation>لا يوجد مستند رقم %1.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="786" />
            <source>This is the last document.</source>
            <translation>هذا آخر مستند.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="793" />
            <source>This is the first document.</source>
            <translation>هذا أول مستند.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="831" />
            <source>Every document is done or skipped.</source>
            <translation>كل المستندات منجزة أو متروكة.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="844" />
            <source>Mark done</source>
            <translation>وضع علامة منجز</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="845" />
            <source>Mark skipped</source>
            <translation>وضع علامة متروك</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="846" />
            <source>Set status</source>
            <translation>تعيين الحالة</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="898" />
            <source>&amp;Undo %1</source>
            <translation>&amp;تراجع: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="900" />
            <source>&amp;Undo</source>
            <translation>&amp;تراجع</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="903" />
            <source>&amp;Redo %1</source>
            <translation>إ&amp;عادة: %1</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="905" />
            <source>&amp;Redo</source>
            <translation>إ&amp;عادة</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1013" />
            <source>Import files</source>
            <translation>استيراد ملفات</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1015" />
            <source>Articles and annotations (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy);;All files (*)</source>
            <translation>مقالات وتعليقات (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy);;كل الملفات (*)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1025" />
            <source>Import a folder</source>
            <translation>استيراد مجلد</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1093" />
            <source>New project</source>
            <translation>مشروع جديد</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1095" />
            <source>Annotator projects (*.sqlite)</source>
            <translation>مشاريع Annotator (*.sqlite)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1105" />
            <source>Open project</source>
            <translation>فتح مشروع</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1107" />
            <source>Annotator projects (*.sqlite);;All files (*)</source>
            <translation>مشاريع Annotator (*.sqlite);;كل الملفات (*)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1117" />
            <source>(none)</source>
            <translation>(لا شيء)</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1159" />
            <source>Annotator</source>
            <translation>المُعلِّم</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1168" />
            <source>%1 / %2 done</source>
            <translation>%1 / %2 منجز</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/main_window.py" line="1173" />
            <source>Annotator: %1</source>
            <translation>المُعلِّم: %1</translation>
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
            <location filename="../../annotator/gui/palette.py" line="69" />
            <source>Click a label to arm it; every selection made with the mouse gets it on release.</source>
            <translation>انقر تسمية لتثبيتها؛ يأخذها كل تحديد بالفأرة عند الإفلات.</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/palette.py" line="154" />
            <source>Armed: {0}</source>
            <translation>المثبّتة: {0}</translation>
        </message>
        <message>
            <location filename="../../annotator/gui/palette.py" line="155" />
            <source>Click a label to arm it.</source>
            <translation>انقر تسمية لتثبيتها.</translation>
        </message>
    </context>
    <context>
        <name>SpanListWidget</name>
        <message numerus="yes">
            <location filename="../../annotator/gui/span_list.py" line="157" />
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
        <name>MainWindow</name>
        <message>
            <source>Toolbar</source>
            <translation>شريط الأدوات</translation>
        </message>
        <message>
            <source>&amp;Review</source>
            <translation>&amp;مراجعة</translation>
        </message>
        <message>
            <source>&amp;Agreement and adjudication…</source>
            <translation>&amp;الاتفاق والتحكيم…</translation>
        </message>
    </context>
    <context>
        <name>SpanListModel</name>
        <message>
            <source>Label</source>
            <translation>التسمية</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>النص</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Import options</source>
            <translation>خيارات الاستيراد</translation>
        </message>
        <message>
            <source>As named in the files</source>
            <translation>كما هو مسمّى في الملفات</translation>
        </message>
        <message>
            <source>Spans belong to:</source>
            <translation>المقاطع تعود إلى:</translation>
        </message>
        <message>
            <source>Add labels the project lacks</source>
            <translation>إضافة التسميات غير الموجودة في المشروع</translation>
        </message>
        <message>
            <source>Rename labels:</source>
            <translation>إعادة تسمية التسميات:</translation>
        </message>
        <message>
            <source>Detect</source>
            <translation>اكتشاف تلقائي</translation>
        </message>
        <message>
            <source>Text encoding:</source>
            <translation>ترميز النص:</translation>
        </message>
        <message>
            <source>CoNLL: accept IOB1 tags</source>
            <translation>CoNLL: قبول وسوم IOB1</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <source>Write renamings as FROM=TO, e.g. PERS=PER (not “%1”).</source>
            <translation>اكتب إعادة التسمية بصيغة من=إلى، مثل PERS=PER (وليس «%1»).</translation>
        </message>
        <message>
            <source>Choose another annotator name.</source>
            <translation>اختر اسم معلِّم آخر.</translation>
        </message>
    </context>
</TS>
