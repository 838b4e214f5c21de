"""Imaging helpers of notebook 05: synthetic X-rays, clinical metrics, Grad-CAM, plots and
resizing, including what they do with bad input (the exercise checks: test_checks.py)."""

from __future__ import annotations

import keras
import matplotlib
import numpy as np
import pytest
from scipy import signal, special
from sklearn.metrics import average_precision_score, roc_auc_score

from helpers.data.examples import load_example_image
from helpers.data.preprocessing import apply_window, resize_image
from helpers.evaluation.binary import bootstrap_auc_ci, precision_recall, threshold_for_sensitivity
from helpers.explain.gradcam import (
    grad_cam,
    heatmap_iou,
    heatmap_peak_in_mask,
    last_conv_feature_layer,
)
from helpers.plotting import (
    draw_convolution,
    draw_lstm_cell,
    draw_neuron,
    draw_unrolled_rnn,
    plot_confusion_matrix,
    plot_curves,
    plot_image_grid,
    plot_precision_recall_curve,
)
from helpers.synthetic.xrays import make_synthetic_xrays

matplotlib.use("Agg")
RNG = np.random.default_rng(0)
LABELS = RNG.integers(0, 2, size=300)
SCORES = LABELS + RNG.normal(size=300)


# --- synthetic chest X-rays -------------------------------------------------------------


def test_synthetic_xrays_shapes_truth_and_repeatability() -> None:
    xrays = make_synthetic_xrays(200, image_size=48, prevalence=0.4, seed=3)
    assert xrays.inputs.shape == (200, 48, 48, 1) and xrays.inputs.dtype == np.float32
    assert 0.0 <= xrays.inputs.min() and xrays.inputs.max() <= 1.0
    assert len(xrays) == 200 and 0.3 < xrays.labels.mean() < 0.5
    has_lesion = xrays.masks.any(axis=(1, 2))
    np.testing.assert_array_equal(has_lesion, xrays.labels == 1)  # masks exactly for pneumonia
    assert not np.any(xrays.masks & ~xrays.lung_masks)  # opacities lie inside the lungs
    again = make_synthetic_xrays(200, image_size=48, prevalence=0.4, seed=3)
    np.testing.assert_array_equal(again.inputs, xrays.inputs)
    lesion = xrays.inputs[..., 0][xrays.masks].mean()
    healthy_lung = xrays.inputs[..., 0][xrays.lung_masks & ~xrays.masks].mean()
    assert lesion > healthy_lung + 0.05  # opacities are denser (brighter) than aerated lung


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"num_images": 0}, ValueError),
        ({"num_images": 10, "image_size": 16}, ValueError),
        ({"num_images": 10, "prevalence": 1.5}, ValueError),
        ({"num_images": 2.5}, TypeError),
    ],
)
def test_synthetic_xrays_bad_input(kwargs, error) -> None:
    with pytest.raises(error):
        make_synthetic_xrays(**kwargs)


# --- clinical metrics -------------------------------------------------------------------


def test_bootstrap_auc_ci() -> None:
    auc, low, high = bootstrap_auc_ci(LABELS, SCORES, num_resamples=500, seed=1)
    assert auc == pytest.approx(roc_auc_score(LABELS, SCORES), abs=1e-12)
    assert low < auc < high and high - low < 0.15
    assert bootstrap_auc_ci(LABELS, SCORES, num_resamples=500, seed=1) == (auc, low, high)
    ties = np.round(SCORES)  # heavy ties: the rank formula must count them as one half
    assert bootstrap_auc_ci(LABELS, ties, 50)[0] == pytest.approx(roc_auc_score(LABELS, ties))
    narrow = bootstrap_auc_ci(LABELS, SCORES, num_resamples=500, confidence=0.5, seed=1)
    assert high - low > narrow[2] - narrow[1]


def test_bootstrap_auc_ci_bad_input() -> None:
    with pytest.raises(ValueError, match="only one class"):
        bootstrap_auc_ci(np.ones(10), np.arange(10.0))
    with pytest.raises(ValueError, match="NaN"):
        bootstrap_auc_ci([0, 1, 0, 1], [0.1, np.nan, 0.2, 0.3])
    with pytest.raises(ValueError, match="same samples"):
        bootstrap_auc_ci([0, 1, 0, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="`num_resamples` must be an integer"):
        bootstrap_auc_ci(LABELS, SCORES, num_resamples=0)
    with pytest.raises(ValueError, match="`confidence`"):
        bootstrap_auc_ci(LABELS, SCORES, confidence=95)
    with pytest.raises(ValueError, match="Too few resamples"):
        bootstrap_auc_ci([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], np.arange(16.0), 200)


@pytest.mark.parametrize("target", [0.5, 0.8, 0.95, 1.0])
def test_threshold_for_sensitivity_is_the_highest_that_reaches_the_target(target) -> None:
    threshold = threshold_for_sensitivity(LABELS, SCORES, target)
    positives = SCORES[LABELS == 1]
    assert np.mean(positives >= threshold) >= target
    higher = positives[positives > threshold]
    if higher.size:  # the next higher candidate falls short of the target
        assert np.mean(positives >= higher.min()) < target


def test_threshold_for_sensitivity_bad_input() -> None:
    with pytest.raises(ValueError, match="no positive case"):
        threshold_for_sensitivity([0, 0, 0], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="target_sensitivity"):
        threshold_for_sensitivity(LABELS, SCORES, 0.0)
    with pytest.raises(ValueError, match="only 0 and 1"):
        threshold_for_sensitivity([0, 2], [0.1, 0.2])


def test_precision_recall() -> None:
    precision, recall, average_precision = precision_recall(LABELS, SCORES)
    assert average_precision == pytest.approx(average_precision_score(LABELS, SCORES))
    assert precision.shape == recall.shape and recall[0] == 1.0 and recall[-1] == 0.0
    with pytest.raises(ValueError, match="no positive case"):
        precision_recall([0, 0], [0.1, 0.9])


# --- Grad-CAM ---------------------------------------------------------------------------


def _bright_spot_detector(size: int = 16) -> keras.Model:
    """A fixed CNN whose logit is the brightest 3x3 patch: Grad-CAM must find it."""
    inputs = keras.Input((size, size, 1))
    features = keras.layers.Conv2D(1, 3, padding="same", name="conv", kernel_initializer="ones")(
        inputs
    )
    features = keras.layers.Activation("relu", name="relu")(features)
    pooled = keras.layers.GlobalMaxPooling2D()(features)
    logit = keras.layers.Dense(1, kernel_initializer="ones", name="logit")(pooled)
    return keras.Model(inputs, keras.layers.Activation("sigmoid")(logit))


def test_grad_cam_points_at_the_evidence() -> None:
    model = _bright_spot_detector()
    assert last_conv_feature_layer(model) == "relu"
    images = np.full((3, 16, 16, 1), 0.1, dtype=np.float32)
    masks = np.zeros((3, 16, 16), dtype=bool)
    for index, (row, col) in enumerate([(3, 3), (10, 12), (7, 2)]):
        images[index, row : row + 3, col : col + 3] = 20.0  # saturates the sigmoid on purpose
        masks[index, row : row + 3, col : col + 3] = True
    heatmaps = grad_cam(model, images, batch_size=2)
    assert heatmaps.shape == (3, 16, 16) and heatmaps.max() == pytest.approx(1.0)
    assert heatmap_peak_in_mask(heatmaps, masks).all()
    np.testing.assert_allclose(heatmap_iou(heatmaps, masks, threshold=0.6), 5 / 9, atol=1e-6)
    np.testing.assert_allclose(grad_cam(model, images, layer_name="conv"), heatmaps, atol=1e-5)


def _half_pixel_resize(
    image: np.ndarray, shape: tuple[int, int], mirror: bool = False
) -> np.ndarray:
    """Bilinear resize between pixel centres, constant beyond the outer ones (TF's bilinear).

    With ``mirror`` the image is mirrored about the outer centres instead (NumPy's
    "reflect", the edge mode of ``skimage.transform.resize``).
    """

    def along_rows(values: np.ndarray, new: int) -> np.ndarray:
        old = values.shape[0]
        positions = (np.arange(new) + 0.5) * old / new - 0.5
        if mirror:
            positions = (old - 1) - np.abs((old - 1) - np.abs(positions))
        return np.array([np.interp(positions, np.arange(old), column) for column in values.T]).T

    return along_rows(along_rows(image, shape[0]).T, shape[1]).T


def _softmax_grad_cam_by_hand(model: keras.Model, image: np.ndarray, class_index: int):
    """Grad-CAM of Conv2D(relu) -> GlobalAveragePooling2D -> Dense(softmax), derived on paper.

    With p = softmax(W^T mean(A) + b), dp_c/dA_ijk = p_c (W_kc - sum_m p_m W_km) / (rows cols)
    at every position (i, j), so that is already the channel weight alpha_k.
    """
    kernel, conv_bias, dense_kernel, dense_bias = (w.astype(float) for w in model.get_weights())
    maps = np.stack(
        [
            np.maximum(signal.correlate2d(image, kernel[:, :, 0, k], "valid") + conv_bias[k], 0)
            for k in range(kernel.shape[-1])
        ],
        axis=-1,
    )
    p = special.softmax(maps.mean(axis=(0, 1)) @ dense_kernel + dense_bias)
    alpha = p[class_index] * (dense_kernel[:, class_index] - dense_kernel @ p) / maps[..., 0].size
    cam = _half_pixel_resize(np.maximum(maps @ alpha, 0.0), image.shape)
    return cam / cam.max() if cam.max() > 0 else cam


def test_grad_cam_works_for_a_sequential_softmax_model() -> None:
    keras.utils.set_random_seed(1)
    model = keras.Sequential(
        [
            keras.Input((16, 16, 1)),
            keras.layers.Conv2D(4, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    images = np.random.default_rng(2).random((2, 16, 16, 1))
    peaks = []
    for class_index in range(3):
        heatmaps = grad_cam(model, images, class_index=class_index)
        by_hand = [_softmax_grad_cam_by_hand(model, image[..., 0], class_index) for image in images]
        np.testing.assert_allclose(heatmaps, by_hand, atol=1e-5)
        peaks.append(np.max(by_hand))
    assert sorted(peaks)[1:] == [1.0, 1.0]  # not a comparison of empty heatmaps


def test_grad_cam_bad_input() -> None:
    model = _bright_spot_detector()
    images = np.zeros((2, 16, 16, 1), dtype=np.float32)
    with pytest.raises(TypeError, match="Keras model"):
        grad_cam("model", images)
    with pytest.raises(ValueError, match="model expects"):
        grad_cam(model, np.zeros((2, 20, 20, 1)))
    with pytest.raises(ValueError, match="4 dimension"):
        grad_cam(model, np.zeros((16, 16, 1)))
    with pytest.raises(ValueError, match="`layer_name` must be one of 'input_layer.*'conv'"):
        grad_cam(model, images, layer_name="conv9")
    with pytest.raises(ValueError, match="no spatial feature maps"):
        grad_cam(model, images, layer_name="logit")
    with pytest.raises(ValueError, match="class_index"):
        grad_cam(model, images, class_index=1)
    dense_only = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="no convolutional layer"):
        grad_cam(dense_only, np.zeros((2, 4)))


def test_heatmap_scores() -> None:
    heatmap = np.zeros((4, 4))
    heatmap[1, 2] = 1.0
    heatmap[1, 1] = 0.6
    mask = np.zeros((4, 4), dtype=bool)
    mask[1, 1:3] = True
    assert heatmap_peak_in_mask(heatmap, mask).tolist() == [True]
    assert heatmap_iou(heatmap, mask, 0.5).tolist() == [1.0]
    assert heatmap_iou(heatmap, mask, 0.8).tolist() == [0.5]
    assert heatmap_iou(np.zeros((4, 4)), np.zeros((4, 4)), 0.5).tolist() == [1.0]
    with pytest.raises(ValueError, match="same shape"):
        heatmap_iou(heatmap, mask[:2])
    with pytest.raises(ValueError, match="boolean or 0/1"):
        heatmap_peak_in_mask(heatmap, mask * 2.0 + 0.5)
    with pytest.raises(ValueError, match="`threshold`"):
        heatmap_iou(heatmap, mask, 1.5)


# --- plots and resizing -----------------------------------------------------------------


def test_plots() -> None:
    axis = plot_precision_recall_curve(LABELS, SCORES, operating_point=(0.9, 0.6))
    assert "AP" in axis.get_legend().get_texts()[0].get_text()
    xrays = make_synthetic_xrays(5, image_size=32)
    figure = plot_image_grid(
        xrays.inputs, titles=list("abcde"), masks=xrays.masks, heatmaps=xrays.masks, ncols=3
    )
    assert len(figure.axes) == 6
    with pytest.raises(ValueError, match="`masks` has shape"):
        plot_image_grid(xrays.inputs, masks=xrays.masks[:, :10])
    with pytest.raises(ValueError, match="titles"):
        plot_image_grid(xrays.inputs, titles=["one"])
    matplotlib.pyplot.close("all")


def test_plot_curves_of_a_keras_history() -> None:
    history = keras.callbacks.History()
    history.history = {"loss": [0.7, 0.5], "val_loss": [0.8, 0.6]}
    axis = plot_curves(history)
    assert [line.get_label() for line in axis.lines] == ["loss", "val_loss"]
    np.testing.assert_array_equal(axis.lines[1].get_ydata(), [0.8, 0.6])
    with pytest.raises(TypeError, match="`curves` must be a dict"):
        plot_curves(history.history["loss"])
    matplotlib.pyplot.close("all")


def test_resize_image() -> None:
    image = apply_window(np.linspace(-1000, 1000, 128 * 96).reshape(128, 96), 0.0, 2000.0)
    small = resize_image(image, 32)
    assert small.shape == (32, 32) and small.dtype == np.float32
    assert 0.0 <= small.min() and small.max() <= 1.0
    assert resize_image(image, (20, 40)).shape == (20, 40)
    with pytest.raises(ValueError, match="`size`"):
        resize_image(image, 0)
    with pytest.raises(ValueError, match="2 dimension"):
        resize_image(np.zeros((2, 8, 8)), 4)


def test_resize_enlarges_linearly_and_anti_aliases_when_shrinking() -> None:
    image = np.random.default_rng(0).random((6, 9))
    np.testing.assert_allclose(
        resize_image(image, (15, 20)), _half_pixel_resize(image, (15, 20), mirror=True), atol=1e-6
    )
    checkerboard = np.indices((96, 96)).sum(axis=0) % 2.0
    small = resize_image(checkerboard, 32)
    assert np.ptp(checkerboard[1::3, 1::3]) == 1.0  # plain sampling keeps black and white
    assert np.ptp(small) < 0.05 and abs(float(small.mean()) - 0.5) < 0.01  # low-passed: grey


def test_example_images_are_resized_like_model_inputs() -> None:
    from skimage import data

    raw = data.microaneurysms() / 255.0  # 102 x 102
    np.testing.assert_allclose(
        load_example_image("microaneurysms", size=128),
        np.clip(_half_pixel_resize(raw, (128, 128), mirror=True), 0.0, 1.0),
        atol=1e-6,
    )
    retina = load_example_image("retina", size=64)  # 1411 -> 64: averaged, not aliased
    np.testing.assert_array_equal(
        retina, np.clip(resize_image(data.retina()[:, :, 1] / 255.0, 64), 0.0, 1.0)
    )


def test_confusion_matrix_plot_for_two_and_more_classes() -> None:
    def cells(axis: matplotlib.axes.Axes) -> list[int]:
        return [int(text.get_text()) for text in axis.texts]  # row by row

    axis = plot_confusion_matrix([1, 0, 1, 1, 0, 0], [1, 1, 0, 1, 0, 0], ("healthy", "ill"))
    assert cells(axis) == [2, 1, 1, 2]  # TN FP / FN TP, counted by hand
    assert [label.get_text() for label in axis.get_xticklabels()] == ["healthy", "ill"]
    assert (axis.get_xlabel(), axis.get_ylabel(), axis.get_title()) == (
        "predicted",
        "true",
        "Confusion matrix",
    )
    _, given = matplotlib.pyplot.subplots()
    truth, predicted = [0, 0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 1, 1, 2, 2, 0]
    axis = plot_confusion_matrix(truth, predicted, ("N", "V", "AF"), axis=given, title="Beats")
    assert axis is given and axis.get_title() == "Beats"
    assert cells(axis) == [2, 1, 0, 0, 2, 0, 1, 0, 2]
    assert [label.get_text() for label in axis.get_yticklabels()] == ["N", "V", "AF"]
    with pytest.raises(ValueError, match="`y_pred` must contain only 0 and 1"):
        plot_confusion_matrix([0, 1], [0.2, 0.8])
    with pytest.raises(ValueError, match="class indices 0..2"):
        plot_confusion_matrix([0, 3], [0, 1], ("N", "V", "AF"))
    with pytest.raises(ValueError, match="`class_names` must name at least two classes"):
        plot_confusion_matrix([0, 1], [0, 1], ("all",))
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize(
    ("draw", "kwargs"),
    [
        (draw_neuron, {"num_inputs": 4}),
        (draw_convolution, {"image_size": 5, "kernel_size": 2, "position": (3, 0)}),
        (draw_unrolled_rnn, {"num_steps": 3}),
        (draw_lstm_cell, {}),
    ],
)
def test_concept_diagrams_draw_on_the_given_axis(draw, kwargs) -> None:
    from matplotlib.figure import Figure

    figures_before = matplotlib.pyplot.get_fignums()
    given = Figure().add_subplot()  # not tracked by pyplot: nothing is left open
    axis = draw(**kwargs, axis=given)
    assert axis is given and not axis.axison  # a diagram: no ticks, no frame
    assert len(axis.texts) >= 4  # labels and arrows (annotations are texts)
    assert matplotlib.pyplot.get_fignums() == figures_before  # no figure of its own
    assert len(given.figure.axes) == 1


def test_convolution_diagram_highlights_the_window_and_its_output_cell() -> None:
    from matplotlib.figure import Figure

    given = Figure().add_subplot()
    axis = draw_convolution(image_size=5, kernel_size=2, position=(3, 0), axis=given)
    highlighted = [patch for patch in axis.patches if patch.get_fill()]
    assert [(patch.get_width(), patch.get_height()) for patch in highlighted] == [(2, 2), (1, 1)]
    assert len(axis.patches) == 5 * 5 + 4 * 4 + 2  # both grids, the window, the output cell
    assert any("each output = Σ kernel × window" in text.get_text() for text in axis.texts)
