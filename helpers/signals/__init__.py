"""Signal processing: ECG filtering, R-peak detection, heart rate and RR-interval features."""
