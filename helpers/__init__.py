"""Helpers for the course Deep Learning for Medical Diagnosis, organised by purpose.

Code stays in its notebook until a second notebook, a check or a test needs it. Then
it goes into the one subpackage that names its purpose:

- ``scratch``     NumPy versions of equations, each proven equal to the Keras/TF
                  operation its module is named after (``dense``, ``conv``, ``pooling``,
                  ``recurrent``, ``activations``, ``losses``, ``optimizers``,
                  ``gradient_check``).
- ``data``        real data: the cache folder and checksummed downloads, bundled
                  examples, DICOM, MedMNIST, MIT-BIH; the one ``Dataset`` / ``DataSplits``
                  container of every modality; patient-wise splits, windows, preprocessing.
- ``synthetic``   generators whose ground truth is known (chest X-rays with lesion masks,
                  lesion patches, ECG beats, vital signs).
- ``signals``     signal processing (ECG filtering, R-peaks, RR features).
- ``evaluation``  predictions turned into clinical numbers (binary and multi-class
                  metrics, alarms).
- ``explain``     explaining a model (Grad-CAM).
- ``plotting``    the figures notebooks share.
- ``course``      running the course itself: validation of arguments, reproducibility,
                  environment, recorded results and their targets, the course map; the
                  ``tf.distribute`` strategy for the machine and the tuning search space.
- ``checks``      exercise self-checks: ``engine`` runs them, ``nbNN`` holds notebook NN's.

Imports point one way, down this order: ``course`` < ``scratch`` < ``signals`` <
``data`` < ``evaluation`` < ``synthetic`` < ``explain`` < ``plotting`` < ``checks``.
A module imports only from its own subpackage and the ones before it; nothing imports
``checks``; ``course.validation`` imports nothing from the course. The test
``tests/test_layout.py`` enforces this.
"""
