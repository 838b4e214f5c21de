"""Running the course: argument validation, seeds, environment, recorded results, course map."""
