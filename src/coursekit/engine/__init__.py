"""The therapy engine: pure computations over the content (dosing, pain, progression, critique, planning)."""
