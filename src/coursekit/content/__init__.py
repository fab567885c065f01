"""The course's content: data files, enums, models and their value types, syllabus, loaders."""
