"""Kamifax's LibreOffice worker: converts Office files to PDF through a warm soffice.

Started by main/core/convert/warm-office.ts with LibreOffice's own Python (Debian's python3
with python3-uno; the bundled python on Windows and macOS). It connects over UNO to the soffice
that Kamifax started with `--accept=socket,host=127.0.0.1,port=N;urp;`, then reads one JSON job
per line on stdin and answers one JSON line per job on stdout:

  job:    {"id": 1, "input": "/tmp/x.docx", "output": "/tmp/x.pdf", "paper": "a4"|"letter"}
  answer: {"id": 1, "ok": true}
          {"id": 1, "ok": false, "kind": "password"|"corrupt"|"failed", "detail": "..."}

It never writes to the input (ReadOnly, no store back) and exits when stdin closes.
"""

import json
import sys
import time
import traceback

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler

PAPER_MM100 = {"a4": (21000, 29700), "letter": (21590, 27940)}
# Formats with no page size of their own: they get the locale's paper.
PLAIN_EXTENSIONS = (".txt", ".csv")


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class RefusingHandler(unohelper.Base, XInteractionHandler):
    """Answers every question LibreOffice asks with Abort, and remembers a password request."""

    def __init__(self):
        self.password_requested = False

    def handle(self, request):
        name = request.getRequest().typeName if hasattr(request.getRequest(), "typeName") else ""
        if "Password" in name:
            self.password_requested = True
        for continuation in request.getContinuations():
            if continuation.queryInterface(
                uno.getTypeByName("com.sun.star.task.XInteractionAbort")
            ):
                continuation.select()
                return


def connect(port, deadline_s):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = "uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port
    deadline = time.time() + deadline_s
    while True:
        try:
            ctx = resolver.resolve(url)
            smgr = ctx.ServiceManager
            return smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx), smgr
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.1)


def export_filter(doc):
    if doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
        return "calc_pdf_Export"
    if doc.supportsService("com.sun.star.presentation.PresentationDocument"):
        return "impress_pdf_Export"
    if doc.supportsService("com.sun.star.drawing.DrawingDocument"):
        return "draw_pdf_Export"
    return "writer_pdf_Export"


def set_paper(doc, paper):
    width, height = PAPER_MM100[paper]
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for i in range(styles.getCount()):
        style = styles.getByIndex(i)
        style.setPropertyValue("Width", width)
        style.setPropertyValue("Height", height)


def detect(smgr, url, handler):
    """The document service and import filter for a file, found without opening any window."""
    detection = smgr.createInstance("com.sun.star.document.TypeDetection")
    descriptor = (prop("URL", url), prop("InteractionHandler", handler))
    type_name, descriptor = detection.queryTypeByDescriptor(descriptor, True)
    if not type_name:
        return None, None
    filter_name = ""
    for p in descriptor:
        if p.Name == "FilterName":
            filter_name = p.Value
    if not filter_name:
        for p in detection.getByName(type_name):
            if p.Name == "PreferredFilter":
                filter_name = p.Value
    if not filter_name:
        return None, None
    factory = smgr.createInstance("com.sun.star.document.FilterFactory")
    for p in factory.getByName(filter_name):
        if p.Name == "DocumentService":
            return p.Value, filter_name
    return None, None


def drop_comments(doc):
    """Removes comments: a fax never shows them, and Writer's comment margin needs UI files
    that Debian's -nogui packages do not ship (soffice aborts when it builds one)."""
    if not hasattr(doc, "getTextFields"):
        return
    found = []
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            found.append(field)
    for field in found:
        field.dispose()


def convert(desktop, smgr, job):
    """Loads the file as a bare model first (no window yet), makes it safe, then gives it a
    hidden view, which Writer's PDF export needs, and exports it."""
    handler = RefusingHandler()
    url = uno.systemPathToFileUrl(job["input"])
    lower = job["input"].lower()
    service, filter_name = detect(smgr, url, handler)
    if not service:
        return {"ok": False, "kind": "corrupt", "detail": "type not recognised"}
    # A binary Office file LibreOffice could only read as plain text is damaged.
    if filter_name.startswith("Text") and not lower.endswith(PLAIN_EXTENSIONS):
        return {"ok": False, "kind": "corrupt", "detail": "read as plain text"}
    doc = smgr.createInstance(service)
    try:
        doc.load((
            prop("URL", url),
            prop("FilterName", filter_name),
            prop("ReadOnly", True),
            prop("UpdateDocMode", 0),  # never follow links to other files
            prop("MacroExecutionMode", 0),  # never run macros
            prop("InteractionHandler", handler),
        ))
    except Exception as error:  # IOException, WrongFormatException, ...
        if type(error).__name__.endswith("DisposedException"):
            raise
        kind = "password" if handler.password_requested else "corrupt"
        return {"ok": False, "kind": kind, "detail": type(error).__name__}
    try:
        drop_comments(doc)
        if lower.endswith(PLAIN_EXTENSIONS) and hasattr(doc, "getStyleFamilies"):
            set_paper(doc, job.get("paper", "a4"))
        desktop.loadComponentFromURL(
            "private:object", "_blank", 0, (prop("Model", doc), prop("Hidden", True))
        )
        out = uno.systemPathToFileUrl(job["output"])
        doc.storeToURL(out, (prop("FilterName", export_filter(doc)), prop("Overwrite", True)))
        return {"ok": True}
    finally:
        try:
            doc.close(True)
        except Exception:
            doc.dispose()


def main():
    port = int(sys.argv[1])
    desktop, smgr = connect(port, float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        job = json.loads(line)
        try:
            answer = convert(desktop, smgr, job)
        except Exception as error:  # soffice died or the bridge broke: tell, then exit
            traceback.print_exc(file=sys.stderr)
            print(json.dumps({"id": job["id"], "ok": False, "kind": "crashed",
                              "detail": type(error).__name__}), flush=True)
            sys.exit(3)
        answer["id"] = job["id"]
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
