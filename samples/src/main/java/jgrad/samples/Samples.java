package jgrad.samples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import jgrad.samples.autoencoder.AeBenchmark;
import jgrad.samples.autoencoder.AnomalyDetection;
import jgrad.samples.autoencoder.ConvAutoencoders;
import jgrad.samples.autoencoder.DenseAutoencoder;
import jgrad.samples.autoencoder.Denoising;
import jgrad.samples.autoencoder.LinearAutoencoder;
import jgrad.samples.autoencoder.Vae;
import jgrad.samples.cnn.AlexNetVgg;
import jgrad.samples.cnn.CrossCorrelation;
import jgrad.samples.cnn.EdgeDetection;
import jgrad.samples.cnn.LeNet;
import jgrad.samples.cnn.MovingDigitsConv3D;
import jgrad.samples.cnn.ResidualBlock;
import jgrad.samples.cnn.SunspotsConv1D;
import jgrad.samples.cnn.TransferLearning;
import jgrad.samples.rnn.CharLstm;
import jgrad.samples.gan.D2GanRing;
import jgrad.samples.gan.DcganMnist;
import jgrad.samples.gan.Gan1D;
import jgrad.samples.gan.LsganWganMnist;
import jgrad.samples.gan.UnrolledGanRing;
import jgrad.samples.gan.WganGp;
import jgrad.samples.rnn.ConvLstmNextFrame;
import jgrad.samples.rnn.Example61;
import jgrad.samples.rnn.RnnBenchmark;
import jgrad.samples.rnn.SequenceCategories;
import jgrad.samples.rnn.TruncatedBptt;
import jgrad.samples.unsupervised.CompetitiveLearning;
import jgrad.samples.unsupervised.HebbOja;
import jgrad.samples.unsupervised.HighwayVsPlain;
import jgrad.samples.unsupervised.InstarOutstar;
import jgrad.samples.unsupervised.SomSamples;
import jgrad.samples.rnn.TimeSeriesRnn;

/**
 * The one place samples are registered: a name, a one-line description and a main method each.
 * {@code ./jgrad list} prints them, {@code ./jgrad run <name> [args]} runs one.
 */
public final class Samples {
    /** A runnable sample: the name users type, what it shows, and its entry point. */
    public record Sample(String name, String description, Consumer<String[]> main) {}

    private static final List<Sample> ALL = List.of(
            new Sample("mnist-demo", "784-128-64-10 MLP with Adam on MNIST: progress bar, test accuracy, loss"
                    + " curve (./jgrad demo; --data DIR for the full set)", MnistDemo::main),
            new Sample("xor-tape", "XOR with a 2-2-1 sigmoid MLP trained by a GradientTape loop (notes 002,"
                    + " 2.5.1)", XorTape::main),
            new Sample("and-log-loss", "AND perceptron with w=[2,2], b=-3.3: predictions and log loss 0.23035562"
                    + " (notes 002, 2.4)", AndLogLoss::main),
            new Sample("and-tape", "AND perceptron trained for 10 steps with a GradientTape from w=[0.01,0.01],"
                    + " b=0.01 (notes 002, 2.4)", AndTape::main),
            new Sample("second-derivative", "second derivative of tanh with nested GradientTapes, against the"
                    + " closed form", SecondDerivative::main),
            // Notes 000, chapter 1: the ANN from scratch, trained by numerical differentiation.
            new Sample("forward-pass", "prediction with given weights on the 12-point set: 0.17, 0.20, 0.85, ...,"
                    + " accuracy 100% (000, part 2)", ForwardPass::main),
            new Sample("model-losses", "model A vs model B: MSE 0.083 / BCE 0.330 against 0.168 / 0.526 (000,"
                    + " part 2)", ModelLosses::main),
            new Sample("gradient-descent", "gradient descent on (w-2)^2 from w=0.5, alpha 0.25: w=1.25, loss 2.25 ->"
                    + " 0.56 (000, part 3)", GradientDescent::main),
            new Sample("numdiff-slp", "single-layer perceptron on blobs trained by central differences, h=1e-4"
                    + " (000, part 5)", NumDiffClassifier::mainSlp),
            new Sample("numdiff-mlp", "2-layer ReLU perceptron on blobs trained by central differences (000,"
                    + " part 5)", NumDiffClassifier::mainMlp),
            new Sample("numdiff-linear-activation", "the MLP with a linear hidden layer cannot separate the blobs: accuracy"
                    + " 0.69 train / 0.73 test (000, part 5)", NumDiffClassifier::mainLinear),
            new Sample("numdiff-multiclass", "3-class softmax MLP trained by central differences (000, part 6)",
                    NumDiffMulticlass::main),
            new Sample("numdiff-linear-regression", "linear regression by central differences recovers y = 0.5x +"
                    + " 0.3 (000, part 7)", NumDiffRegression::mainLinear),
            new Sample("numdiff-nonlinear-regression", "tanh MLP fits 2 sin(2 pi x) + noise by central differences"
                    + " (000, part 7)", NumDiffRegression::mainNonlinear),
            new Sample("softmax-overflow", "softmax overflows for large z; subtracting max(z) first guards it (000,"
                    + " part 6)", SoftmaxOverflow::main),
            // Notes 001: perceptron to MLP.
            new Sample("perceptron-example", "the perceptron g(1 + 3 x1 - 2 x2): g(-6) = -1 for x = (-1, 2), and its"
                    + " boundary (001)", PerceptronExample::main),
            new Sample("hidden-units", "XOR-like clouds with 2 and 4 sigmoid hidden units: boundaries in x space,"
                    + " separable in z space (001)", HiddenUnits::main),
            // Notes 002, chapters 1-3.
            new Sample("perceptron-rule", "perceptron training rule on the OR gate: Example 1.5 step by step and the"
                    + " shuffled program (002, 1.4)", PerceptronRule::main),
            new Sample("sigmoid-gd", "Example 2.2: sigmoid perceptron, batch gradient descent from w=[0.2,0.1],"
                    + " b=-0.1, five epochs (002, 2.2)", SigmoidGradientDescent::main),
            new Sample("xor-given-weights", "Examples 2.4/2.5: the XOR network with given weights, hidden outputs"
                    + " 0.34 0.92 / 0.06 0.19 / ... (002, 2.5)", XorGivenWeights::main),
            new Sample("xor-keras", "XOR with the Keras API: Dense(2, sigmoid), Dense(1, sigmoid), SGD lr 1, BCE,"
                    + " 500 epochs, batch 1 (002, 2.6)", XorKeras::main),
            new Sample("activations", "linear, sigmoid, tanh, ReLU, leaky ReLU, ELU, SELU, softplus and their"
                    + " derivatives from the tape (002, 3.2)", ActivationsTable::main),
            new Sample("losses", "MSE, MAE, binary cross-entropy, Poisson, hinge and squared hinge, by formula and"
                    + " by name (002, 3.3)", LossesTable::main),
            new Sample("encodings", "min-max and z-score scaling, one-hot and ordered encodings, Auto MPG (002,"
                    + " 3.4)", Encodings::main),
            new Sample("softmax-ce", "Examples 3.3/3.4: softmax of z=[2,3,1], categorical cross-entropy, argmax"
                    + " (002, 3.5)", SoftmaxCrossEntropy::main),
            new Sample("learning-rate", "decay 0.5*0.97^(t/100); SGD, momentum, AdaGrad, RMSProp, Adam on one bowl"
                    + " (002, 3.6)", LearningRate::main),
            new Sample("mnist-mlp", "MNIST MLPs: plain, L2, L2 + dropout + batch norm, with the notes' accuracy"
                    + " table (002, 3.8; --data DIR for the full set)", MnistMlp::main),
            // Notes 002, chapter 4-5: CNN
            new Sample("cross-correlation", "Examples 4.1, 4.3-4.5, 4.8 through Conv1D/Conv2D/MaxPooling2D layers:"
                    + " [[4 -9 1] [-5 -3 -4]], ..., receptive fields (002, 4.2-4.3)", CrossCorrelation::main),
            new Sample("edge-detection", "Example 4.6: the [[-1 -1 -1] [-1 8 -1] [-1 -1 -1]] kernel on an MNIST digit,"
                    + " input and edges as PNG (002, 4.2)", EdgeDetection::main),
            new Sample("lenet", "LeNet (61,706 params) with Adam, batch 512, progress bar, test accuracy, feature maps"
                    + " and filters as PNG (002, 4.3.4; --data DIR)", LeNet::main),
            new Sample("alexnet-vgg", "AlexNet (46,764,746) and VGG-16 (138,357,544) summaries, and a two-block VGG"
                    + " net trained on MNIST (002, 4.4)", AlexNetVgg::main),
            new Sample("residual-block", "Example 4.10: residual block with the functional API and Add, 39,488"
                    + " params, its graph as PNG and DOT (002, 4.5)", ResidualBlock::main),
            new Sample("transfer-learning", "4.7 without downloads: CNN pretrained on digits 0-4, frozen, new head on"
                    + " 500 images of 5-9, fine-tuned, vs from scratch (002)", TransferLearning::main),
            new Sample("sunspots-conv1d", "causal dilated Conv1D forecasting monthly sunspots: test RMSE vs"
                    + " persistence 20.09 and AR(24) 18.21 (course 5-1)", SunspotsConv1D::main),
            new Sample("moving-digits-conv3d", "Conv3D tells the direction of moving MNIST digits (about 100%), a"
                    + " Conv2D on one frame cannot (25%) (course 5-1)", MovingDigitsConv3D::main),
            // Notes 002, chapter 6: RNN
            new Sample("example-6-1", "Example 6.1: the one-unit RNN on (1, 4, 3), z1 = 0.2891, y1 = 0.1554 (exactly"
                    + " 0.155475), BPTT recursion = tape, gradient norms per step as PNG (002, 6.1)", Example61::main),
            new Sample("timeseries-rnn", "SimpleRNN, LSTM, GRU and peephole LSTM forecasting airline passengers,"
                    + " sunspots and daily temperatures, one table beside persistence, seasonal naive and AR(p), forecast"
                    + " PNGs (course 3-1..3-3)", TimeSeriesRnn::main),
            new Sample("sequence-categories", "6.3's categories as small models: many-to-one with Masking, one-to-many"
                    + " with RepeatVector, many-to-many tagging, encoder-decoder with T_x != T_y (002, 6.3)",
                    SequenceCategories::main),
            new Sample("rnn-benchmark", "times LSTM or GRU forward + backward at input 28, hidden 128, 28 steps, batch"
                    + " 64 (--kind lstm|gru); scripts/bench_rnn_torch.py is the PyTorch peer", RnnBenchmark::main),
            new Sample("truncated-bptt", "a stateful LSTM learns 8 x 1,000 steps in chunks of 20 (states carried vs"
                    + " reset), and globalClipNorm tames a SimpleRNN's exploding gradients", TruncatedBptt::main),
            new Sample("char-lstm", "a character-level LSTM on the US Constitution and Declaration (public domain,"
                    + " shipped): loss and perplexity per epoch against the unigram entropy, text sampled at T = 0.2,"
                    + " 0.5, 1.0", CharLstm::main),
            new Sample("convlstm-next-frame", "ConvLSTM2D + Conv3D predict the next frames of moving MNIST digits,"
                    + " against copying the last frame; predicted frames as PNG (course 5-2)", ConvLstmNextFrame::main),
            // Notes 002, 6.4-6.5 and course chapter 4: attention and Transformers (issue 11)
            new Sample("attention-numbers", "the note's attention numbers: positional encoding at d = 4, parameter-free"
                    + " self-attention A and Z, scaled dot-product attention on X = [[1,0],[0,1],[1,1]]; one head's"
                    + " tape as an HTML page (002, 6.5)", jgrad.samples.attention.AttentionNumbers::main),
            new Sample("attention-benchmark", "MultiHeadAttention forward + backward and a 2-layer Transformer"
                    + " encoder training step at batch 32, length 128, d 128, 4 heads, and the fused attention's"
                    + " memory at T = 4,096; scripts/bench_attention.sh runs it beside PyTorch",
                    jgrad.samples.attention.AttentionBenchmark::main),
            new Sample("seq2seq-reverse", "an LSTM encoder-decoder reverses 8 digits, teacher forcing in training and"
                    + " greedy decoding, with and without Bahdanau attention: accuracies and the attention heat map"
                    + " (the anti-diagonal) as PNG (course 4-1, 4-2)", jgrad.samples.attention.Seq2SeqReverse::main),
            new Sample("attention-forecast", "daily minimum temperature, 30 days in, 7 out: LSTM seq2seq, with Bahdanau"
                    + " attention, and a small Transformer against persistence (3.321) and the linear model (2.653),"
                    + " RMSE per horizon, forecast and attention PNGs (course 4-1..4-3)",
                    jgrad.samples.attention.TemperatureForecast::main),
            new Sample("transformer-classifier", "a one-block Transformer classifies 12-token sequences (does the first"
                    + " token appear again?) against majority and bag-of-tokens baselines; its attention maps as PNG"
                    + " (002, 6.5.6)", jgrad.samples.attention.TransformerClassifier::main),
            // Notes 002, 5.2: autoencoders
            new Sample("ae-linear", "the linear autoencoder 5-2-5 (27 params) on 5 breast-cancer features vs PCA: MSE"
                    + " 0.1613, PCA's plane, weights not orthonormal (002, 5.2)", LinearAutoencoder::main),
            new Sample("ae-dense", "Example 5.1: MNIST autoencoder 784-256-128-64-32 and back (489,136 params), encoder"
                    + " and decoder models, a 7 and a 2 with their 8x4 codes as PNG (002, 5.2)", DenseAutoencoder::main),
            new Sample("ae-conv", "Examples 5.2/5.3 through Conv2DTranspose, then conv autoencoders with Conv2DTranspose"
                    + " and with UpSampling2D + Conv2D vs PCA-32 (002, 5.2.2)", ConvAutoencoders::main),
            new Sample("ae-denoising", "denoising conv autoencoder, noise 0.5 clipped: noisy MSE 0.1155, PCA-32 0.0327,"
                    + " the denoiser's; noisy/denoised/clean PNG (002, 5.2.3)", Denoising::main),
            new Sample("ae-anomaly", "anomaly detection by reconstruction error: AUC per MNIST digit beside PCA-32, breast"
                    + " cancer trained on benign, score histograms (course 6-3)", AnomalyDetection::main),
            new Sample("vae-mnist", "VAE with a 2-D latent and an overridden trainStep: KL check 0.818147, loss ~540 ->"
                    + " 150-175, latent scatter and manifold PNGs (course 6-4; --conv)", Vae::main),
            new Sample("ae-benchmark", "times epochs of the Conv2DTranspose autoencoder (28,353 params) on the shipped"
                    + " MNIST, Adam + BCE, batch 128 (scripts/bench_ae.sh compares with PyTorch)", AeBenchmark::main),
            // Course 8: classic unsupervised rules (issue 14), and 2-8's highway networks.
            new Sample("hebb-oja", "Hebb's banana associator (w = 0, 1, 2, ...; with decay 0.1: 9.529 at q = 30), Oja on"
                    + " centred iris finds PC1 with |w| = 1 while plain Hebb's |w| explodes (course 8-1)", HebbOja::main),
            new Sample("instar", "the instar orange recogniser (W: 0, then [1 -1 -1], then fires on the measurements"
                    + " alone) and the outstar pineapple recall (course 8-2)", InstarOutstar::main),
            new Sample("competitive", "winner-take-all learning: Hagan's six vectors, iris with 3 units beside"
                    + " k-means, a dead unit with and without a conscience (course 8-3)", CompetitiveLearning::main),
            new Sample("som-iris", "a 10x10 self-organising map of iris: QE 0.273, TE 0.007, majority-vote"
                    + " accuracy 0.987, U-matrix, hit map, component planes, unfolding frames (course 8-4)",
                    SomSamples::mainIris),
            new Sample("som-digits", "a 12x12 self-organising map of the 8x8 digits: QE 1.212, accuracy 0.958,"
                    + " U-matrix, hit map, prototypes, unfolding frames (course 8-4)", SomSamples::mainDigits),
            new Sample("highway", "50-layer plain vs highway network (transform bias -4) on the 8x8 digits: plain"
                    + " stuck at ln 10, highway trains; loss curves and gate heat map (course 2-8)", HighwayVsPlain::main),
            // Course 7: GANs (issue 13)
            new Sample("gan-1d", "standard GAN on 1-D Gaussians: logistic D* weight -1 / bias 0.5, saturating vs"
                    + " non-saturating gradients -0.0100 / -0.9900 at D = 0.01, V = -log 4, a GAN fitting N(3, 1) (7-1)",
                    Gan1D::main),
            new Sample("unrolled-gan", "Unrolled GAN (K = 5 differentiable Adam steps of D) vs plain GAN on 8 Gaussians"
                    + " on a ring: modes covered, high-quality share, scatter PNGs over training (Metz et al.)",
                    UnrolledGanRing::main),
            new Sample("wgan-gp", "WGAN-GP: the critic's estimate of W1(N(0,1), N(3,1)) = 3 (3.45 at lambda 10: the"
                    + " penalty is soft; clipped critic: proportional), then the 8-Gaussian ring with the gradient-norm"
                    + " histogram (Gulrajani et al.)", WganGp::main),
            new Sample("d2gan", "D2GAN: the optimal discriminators D1* = alpha p_data/p_G, D2* = beta p_G/p_data"
                    + " (a = -1/+1, b = log alpha + 0.5 / log beta - 0.5), then the 8-Gaussian ring vs the standard GAN"
                    + " (Nguyen et al.)", D2GanRing::main),
            new Sample("lsgan-wgan", "LSGAN (a=0, b=c=1) and WGAN (clip 0.01, RMSprop 5e-5, n_critic 5) on MNIST"
                    + " with small dense models: LSGAN's gradient -1 at a rejected fake, clipped critic, sample grids and"
                    + " the classifier check", LsganWganMnist::main),
            new Sample("dcgan-mnist", "DCGAN (TF tutorial: G 2,330,944 / D 212,865 params) on MNIST: sample grid per"
                    + " epoch, a jgrad CNN checks the samples' confidence and class spread (--steps N images/64,"
                    + " --epochs N; --bench N times steps)", DcganMnist::main),
            // Notes 003: MLP from scratch.
            new Sample("perceptron-sigmoid", "gradient descent for one neuron (w swings between 3 and -1 at alpha"
                    + " 1), then 003's sigmoid Perceptron class", PerceptronSigmoid::main),
            new Sample("dense-from-scratch", "Dense forward/backward by hand: h=[7.5 14 27 12.5], MSE 9213.25, the"
                    + " gradients, 196.56 after a step (003)", DenseFromScratch::main),
            new Sample("mlp-from-scratch", "003's Dense/ReLU/softmax-CE classes with hand-written backward trained"
                    + " on blobs, with decision boundaries", MlpFromScratch::main),
            // Notes 004: deep learning fundamentals.
            new Sample("logic-gates", "AND, OR, NAND perceptrons and XOR = AND(NAND, OR) (004)", LogicGates::main),
            new Sample("boston-regression", "Boston housing MLP (16,321 params) with no regularisation, L1, L2,"
                    + " dropout, early stopping: train/test MAE table (004)", BostonRegression::main),
            new Sample("boston-optimizers", "Boston MLP with batch normalisation under SGD, momentum, AdaGrad,"
                    + " RMSProp and Adam: MAE table and curves (004)", BostonOptimizers::main),
            new Sample("breast-cancer", "breast cancer classification: Dense 64-32-1, SGD, binary cross-entropy,"
                    + " 300 epochs: test accuracy 0.951 with seed 1 (the note: 0.979) (004)",
                    TabularClassification::mainBreastCancer),
            new Sample("wine", "wine, three classes: Dense 64-32-3 softmax, Adam, sparse categorical cross-entropy"
                    + " (004)", TabularClassification::mainWine),
            new Sample("mlp-benchmark", "times epochs of the 784-128-64-10 MLP with Adam on synthetic data"
                    + " (scripts/bench_mlp.sh compares with PyTorch)", MlpBenchmark::main),
            new Sample("explain-backprop", "the notes' two-layer network (003) backpropagated step by step with the"
                    + " numbers, and numerical vs autodiff gradients", ExplainBackprop::main),
            new Sample("graph-xor", "the XOR MLP's recorded graph with gradients as interactive HTML and DOT"
                    + " (out/graph-xor/)", GraphXor::main),
            new Sample("second-derivative-graph", "a nested tape drawn as a graph of a graph: tanh's second"
                    + " derivative (out/second-derivative-graph/)", SecondDerivativeGraph::main),
            new Sample("codegen-tour", "a function compiled by Jit: its plan, the generated kernel source, fused vs"
                    + " unfused results and gradients (out/codegen-tour/)", CodegenTour::main));

    private Samples() {}

    /** Every registered sample, in the order {@code ./jgrad list} shows them. */
    public static List<Sample> all() {
        return ALL;
    }

    /** The sample called {@code name}; the exception lists the known names. */
    public static Sample find(String name) {
        for (Sample s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no sample named '" + name + "'; known samples: "
                + String.join(", ", ALL.stream().map(Sample::name).toList()));
    }

    /** {@code list}, or {@code run <name> [args]}. */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("list")) {
            int width = ALL.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (Sample s : ALL) {
                System.out.printf(Locale.ROOT, "%-" + width + "s  %s%n", s.name(), s.description());
            }
            return;
        }
        if (args[0].equals("run") && args.length >= 2) {
            Sample s;
            try {
                s = find(args[1]);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            try {
                s.main().accept(Arrays.copyOfRange(args, 2, args.length));
            } catch (Args.HelpRequest e) {
                System.out.println(e.getMessage());
                System.out.println(s.description());
            } catch (Args.UsageException e) {
                // A user's mistake (an unknown option, a bad number, a missing data folder): one line, no stack trace.
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        System.err.println("usage: Samples list | Samples run <name> [args]");
        System.exit(2);
    }
}
