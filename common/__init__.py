"""Cross-app infrastructure shared by every app (export writers, ...); imports no app of the project."""
