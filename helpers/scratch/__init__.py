"""NumPy versions of the equations, each module proven equal to the Keras/TF operation it names."""
