"""The guideline register: cases closed with the outcome "guideline", and what became of them."""
