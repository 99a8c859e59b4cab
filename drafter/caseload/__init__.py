"""The caseload: every suggestion a unit handles in a year, with the drafts folder as the record.

One module a concern: settings (drafter.toml tables), calendar (working days), deadlines (the
steps of each case and when they fall due), cases (a case read from a draft), sheets (reading
Excel/CSV lists), intake (交办清单 → drafts), due (what is due), ledger (台账 export and update),
report (the year's 办理情况报告). Nothing here is imported by `drafter check` except settings,
calendar and deadlines, which the CS rules use.
"""
