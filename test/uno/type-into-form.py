#!/usr/bin/python3
"""Types into spreadsheet cells the way a user does, through LibreOffice's
own input handling, and saves the result.

Run with the system Python that has LibreOffice's UNO bridge
(/usr/bin/python3; Debian's python3-uno). Reads a JSON job description on
stdin:

  {"profile": "/tmp/dir", "locale": "vi-VN",
   "jobs": [{"in": "/abs/form.xlsx", "sheet": "Tự đánh giá",
             "type": [["E9", "95%"], ["F8", "Kịp thời"]],
             "out": [["/abs/out.xlsx", "Calc MS Excel 2007 XML"]]}]}

For every cell it dispatches .uno:GoToCell then .uno:EnterString: the same
path as typing and pressing Enter, so "95%" becomes 0.95 with a percent
format and "8/8" a date in an English locale, as in the real program
(cell.setFormula would bypass that). What the cells then hold is read by
the caller from the saved files.

Starts its own headless soffice (one per saved file) with its own profile
folder, talks to it over a named pipe, and stops it (only that process).
"""
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def write_profile(profile, locale):
    user = os.path.join(profile, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/SpellChecking"><prop oor:name="IsSpellAuto" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Input"><prop oor:name="AutoInput" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
""")


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                raise
            time.sleep(0.3)


def start_office(profile):
    pipe = f"parscore_{uuid.uuid4().hex}"
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    proc = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", "--headless", "--norestore", "--nologo",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "soffice.log"), "a"), env=env, start_new_session=True)
    return proc, connect(pipe, proc)


def stop_office(proc, desktop):
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge closes as soffice exits
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        # soffice is a launcher script: stop its whole process group (ours alone).
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def type_and_save(profile, job, out):
    """One soffice per saved file. LibreOffice 7.4 headless can abort (a
    timer touching the hidden view's cursor) some seconds after the
    dispatcher typed into a document, most often when it is closed: so the
    document is saved at once, never closed or reused, and soffice stopped.
    """
    proc, ctx = start_office(profile)
    desktop = None
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {job['in']}")
        controller = doc.getCurrentController()
        sheet = doc.getSheets().getByName(job["sheet"])
        if controller.getActiveSheet().getName() != job["sheet"]:
            controller.setActiveSheet(sheet)
        frame = controller.getFrame()
        for name, text in job["type"]:
            dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", name),))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))
        # Calc recalculated as each cell was entered (AutoCalculate), as for a user.
        # Saved straight away: the abort described above comes from a timer.
        path, filt = out
        doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", filt), prop("Overwrite", True)))
        return True
    finally:
        stop_office(proc, desktop)


def main():
    spec = json.load(sys.stdin)
    profile = spec["profile"]
    write_profile(profile, spec["locale"])
    # A new profile makes soffice restart itself once, dropping any connection:
    # let that happen before connecting.
    subprocess.run(["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", "--headless", "--norestore", "--terminate_after_init"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    for job in spec["jobs"]:
        for out in job["out"]:
            # That abort is LibreOffice's, not parscore's: try again, a few times.
            for attempt in range(4):
                try:
                    if os.path.exists(out[0]):
                        os.remove(out[0])
                    type_and_save(profile, job, out)
                    break
                except Exception as err:  # a DisposedException from a dead bridge
                    if attempt == 3:
                        raise
                    print(f"soffice stopped ({err}); again", file=sys.stderr)
            if not os.path.exists(out[0]):
                raise RuntimeError(f"LibreOffice did not save {out[0]}")
        print(f"typed into {job['in']}", file=sys.stderr)


if __name__ == "__main__":
    main()
