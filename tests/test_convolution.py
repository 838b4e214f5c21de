"""helpers.scratch.conv and .pooling, example images and lesion patches (notebooks 03-04)."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
from scipy import signal

from helpers.data.examples import EXAMPLE_IMAGES, load_example_image
from helpers.scratch import conv, pooling
from helpers.synthetic.lesions import make_lesion_patches

RNG = np.random.default_rng(0)
IMAGE = RNG.normal(size=(13, 11))
KERNEL = RNG.normal(size=(3, 4))


def _tf_conv(image: np.ndarray, kernel: np.ndarray, stride: int, padding: str) -> np.ndarray:
    return tf.nn.conv2d(image[None, :, :, None], kernel[:, :, None, None], stride, padding.upper())


def test_true_convolution_flips_the_kernel_and_matches_scipy() -> None:
    np.testing.assert_allclose(
        conv.convolve2d(IMAGE, KERNEL), signal.convolve2d(IMAGE, KERNEL, "valid"), atol=1e-12
    )
    np.testing.assert_allclose(
        conv.cross_correlate2d(IMAGE, KERNEL),
        signal.correlate2d(IMAGE, KERNEL, "valid"),
        atol=1e-12,
    )
    np.testing.assert_array_equal(conv.flip_kernel([[1, 2], [3, 4]]), [[4, 3], [2, 1]])


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_cross_correlation_matches_tf_conv2d(stride: int, padding: str) -> None:
    expected = _tf_conv(IMAGE, KERNEL, stride, padding).numpy()[0, :, :, 0]
    vectorised = conv.cross_correlate2d(IMAGE, KERNEL, stride, padding)
    loops = conv.cross_correlate2d_loops(IMAGE, KERNEL, stride, padding)
    assert np.max(np.abs(vectorised - expected)) <= 1e-5
    assert np.max(np.abs(loops - expected)) <= 1e-5
    assert vectorised.shape == (
        conv.conv_output_size(13, 3, stride, padding),
        conv.conv_output_size(11, 4, stride, padding),
    )


def test_integer_padding_and_output_size() -> None:
    assert conv.conv_output_size(224, 7, 2, 3) == 112
    assert conv.cross_correlate2d(IMAGE, KERNEL[:3, :3], padding=1).shape == IMAGE.shape
    assert conv.padding_amounts(10, 4, 1, "same") == (1, 2)  # the odd pixel goes last


def test_pooling_matches_keras_and_gradient_routes_to_the_maximum() -> None:
    image = RNG.normal(size=(7, 6))
    batch = image[None, :, :, None]
    for pool_size, stride in [(2, None), (3, 1), (2, 3)]:
        keras_stride = stride or pool_size
        max_tf = tf.nn.max_pool2d(batch, pool_size, keras_stride, "VALID").numpy()[0, :, :, 0]
        avg_tf = tf.nn.avg_pool2d(batch, pool_size, keras_stride, "VALID").numpy()[0, :, :, 0]
        assert np.max(np.abs(pooling.max_pool2d(image, pool_size, stride) - max_tf)) <= 1e-6
        assert np.max(np.abs(pooling.average_pool2d(image, pool_size, stride) - avg_tf)) <= 1e-6
    variable = tf.constant(batch)
    upstream = RNG.normal(size=(3, 3))
    with tf.GradientTape() as tape:
        tape.watch(variable)
        pooled = tf.nn.max_pool2d(variable, 2, 2, "VALID")
    gradient = tape.gradient(pooled, variable, output_gradients=upstream[None, :, :, None])
    ours = pooling.max_pool2d_backward(image, upstream)
    np.testing.assert_allclose(ours, gradient.numpy()[0, :, :, 0], atol=1e-12)
    assert np.count_nonzero(ours) == 9


def test_receptive_field_and_parameter_count() -> None:
    stack = [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1), (2, 2)]
    assert conv.receptive_field_sizes(stack) == [3, 4, 8, 10, 18, 22]
    assert conv.count_conv2d_parameters(3, 32, 64) == 18496


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: conv.cross_correlate2d(np.ones(5), KERNEL),
            ValueError,
            "`image` must have 2",
        ),
        (lambda: conv.convolve2d(IMAGE, np.ones((2, 2, 2))), ValueError, "`kernel` must"),
        (lambda: conv.convolve2d(np.full((4, 4), np.nan), KERNEL), ValueError, "NaN"),
        (lambda: conv.cross_correlate2d(np.ones((0, 3)), KERNEL), ValueError, "empty"),
        (lambda: conv.cross_correlate2d(np.ones((2, 2)), KERNEL), ValueError, "larger than"),
        (lambda: conv.cross_correlate2d(IMAGE, KERNEL, stride=0), ValueError, "`stride`"),
        (lambda: conv.cross_correlate2d(IMAGE, KERNEL, stride=-2), ValueError, "`stride`"),
        (lambda: conv.cross_correlate2d(IMAGE, KERNEL, stride=1.5), TypeError, "`stride`"),
        (lambda: conv.cross_correlate2d(IMAGE, KERNEL, padding="full"), ValueError, "padding"),
        (lambda: conv.cross_correlate2d(IMAGE, KERNEL, padding=-1), ValueError, "padding"),
        (lambda: conv.cross_correlate2d([["a"]], KERNEL), TypeError, "must hold numbers"),
        (lambda: pooling.max_pool2d(np.ones((1, 4))), ValueError, "larger than"),
        (lambda: pooling.max_pool2d(IMAGE, pool_size=0), ValueError, "`pool_size`"),
        (lambda: pooling.max_pool2d_backward(IMAGE, np.ones((2, 2))), ValueError, "`upstream`"),
        (lambda: conv.receptive_field_sizes([]), ValueError, "empty"),
        (lambda: conv.receptive_field_sizes([(3,)]), ValueError, "pair"),
        (lambda: conv.count_conv2d_parameters(3, 0, 8), ValueError, "`in_channels`"),
    ],
)
def test_bad_input_gives_clear_errors(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("name", EXAMPLE_IMAGES)
def test_example_images_are_grayscale_unit_range(name: str) -> None:
    image = load_example_image(name, size=64)
    assert image.shape == (64, 64) and image.dtype == np.float32
    assert 0.0 <= image.min() < image.max() <= 1.0


def test_example_image_errors() -> None:
    with pytest.raises(ValueError, match="`name` must be one of 'retina'.*'chest'"):
        load_example_image("chest")
    with pytest.raises(ValueError, match="`size`"):
        load_example_image("ct", size=0)
    assert load_example_image("ct").shape == (128, 128)  # native size when size is None


def test_lesion_patches_have_known_labels_and_bright_spots() -> None:
    lesions = make_lesion_patches(200, 24, seed=1, contrast=0.3)
    patches, labels = lesions.inputs, lesions.labels
    assert patches.shape == (200, 24, 24, 1) and patches.dtype == np.float32
    assert set(np.unique(labels)) == {0, 1} and 0.3 < labels.mean() < 0.7
    peak_above_median = patches.max(axis=(1, 2, 3)) - np.median(patches, axis=(1, 2, 3))
    assert peak_above_median[labels == 1].mean() > peak_above_median[labels == 0].mean() + 0.1
    again = make_lesion_patches(200, 24, seed=1, contrast=0.3).inputs
    np.testing.assert_array_equal(patches, again)
    with pytest.raises(ValueError, match="`patch_size`"):
        make_lesion_patches(10, 4)
    with pytest.raises(ValueError, match="`contrast`"):
        make_lesion_patches(10, contrast=1.5)
    with pytest.raises(ValueError, match="`num_patches`"):
        make_lesion_patches(0)
