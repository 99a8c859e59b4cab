"""drafter: structured, checked replies to deputies' suggestions and CPPCC proposals."""

__version__ = "0.1.0"
