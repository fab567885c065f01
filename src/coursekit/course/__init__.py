"""The whole course checked as one: ``coursekit check-data`` reads every data file, builds its
models and checks what refers to what (routines, personas and scenarios against the catalog, quiz
banks against the syllabus)."""
