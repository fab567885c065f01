"""The controlled vocabularies of the catalog (CONTENT.md §4), in teaching order."""

from __future__ import annotations

FAMILIES = (
    "breathing",
    "hinge",
    "squat",
    "lunge",
    "anti_rotation",
    "gentle_rotation",
    "supported_extension",
    "controlled_flexion",
    "anti_extension",
    "anti_lateral_flexion",
    "carry",
    "gait",
    "mobility",
)
PHASES = ("soften", "organize", "strengthen")
# From most supported to least: the position axis of a micro-progression.
POSITIONS = (
    "supine",
    "prone",
    "side_lying",
    "quadruped",
    "wall_supported",
    "seated",
    "tall_kneeling",
    "half_kneeling",
    "standing",
    "split_stance",
    "single_leg",
)
REGIONS = (
    "lumbar",
    "thoracic",
    "pelvis",
    "hips",
    "feet_ankles",
    "shoulder_girdle",
    "diaphragm",
    "whole_body",
)
LOAD_LEVELS = {
    0: "unloaded",
    1: "supported bodyweight",
    2: "free bodyweight",
    3: "light external load or band",
    4: "moderate external load",
}
EQUIPMENT = (
    "none",
    "mat",
    "chair",
    "wall",
    "towel",
    "dowel",
    "band",
    "dumbbell",
    "kettlebell",
    "step",
    "table",
    "foam_roller",
    "bag",
)
SETTINGS = ("home", "office", "travel", "gym", "outdoor")
FLARE_UP = ("plan_b_preferred", "plan_a_and_b", "plan_a_only")
TRANSFERS = (
    "lifting",
    "stairs",
    "reaching",
    "sit_to_stand",
    "carrying",
    "bending",
    "bed_mobility",
    "car_transfer",
    "walking",
)
NICE_CATEGORIES = ("biomechanical", "aerobic", "mind_body")
AXES = (
    "position",
    "load",
    "range",
    "tempo",
    "base_of_support",
    "surface",
    "add_rotation",
    "complexity",
    "duration",
)
DOSE_TYPES = ("reps", "hold", "breaths", "time")
# Common compensations a coach watches for; each catalog entry names one or more with a cue.
COMPENSATIONS = (
    "rib_flare",
    "lumbar_led_hinge",
    "breath_holding",
    "gripping",
    "pelvic_shift",
    "knee_collapse",
    "hip_hike",
    "hip_drop",
    "shoulder_shrug",
    "chin_poke",
    "rushing",
    "lumbar_hyperextension",
    "trunk_rotation",
    "weight_to_toes",
    "lumbar_flexion_under_load",
)
SLOTS = ("morning", "office", "travel", "evening", "custom")
PLANS = ("A", "B")
# Regions outside the lower back that make a routine treat the spine as a system.
SYSTEM_REGIONS = ("hips", "thoracic", "feet_ankles")
