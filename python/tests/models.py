"""Small models with the network-slimming reference code's forward passes."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class channel_selection(nn.Module):
    def __init__(self, num_channels):
        super().__init__()
        self.indexes = nn.Parameter(torch.ones(num_channels))

    def forward(self, x):
        selected = torch.nonzero(self.indexes).flatten()
        return x[:, selected, :, :]


class vgg(nn.Module):
    def __init__(self, cfg, in_channels=3, classes=10):
        super().__init__()
        layers = []
        for v in cfg:
            if v == "M":
                layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            else:
                layers += [nn.Conv2d(in_channels, v, 3, padding=1, bias=False), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                in_channels = v
        self.feature = nn.Sequential(*layers)
        self.classifier = nn.Linear(cfg[-1], classes)

    def forward(self, x):
        x = self.feature(x)
        x = nn.AvgPool2d(2)(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


class Bottleneck(nn.Module):
    def __init__(self, inplanes, planes, stride=1, downsample=None, selected=None):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.select = channel_selection(inplanes)
        self.conv1 = nn.Conv2d(selected or inplanes, planes, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = self.relu(self.select(self.bn1(x)))
        out = self.conv1(out)
        out = self.conv2(self.relu(self.bn2(out)))
        out = self.conv3(self.relu(self.bn3(out)))
        if self.downsample is not None:
            residual = self.downsample(x)
        out += residual
        return out


class DenseLayer(nn.Module):
    def __init__(self, inplanes, growth, selected=None):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.select = channel_selection(inplanes)
        self.conv1 = nn.Conv2d(selected or inplanes, growth, 3, padding=1, bias=False)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.conv1(self.relu(self.select(self.bn1(x))))
        return torch.cat((x, out), 1)


class Transition(nn.Module):
    def __init__(self, inplanes, selected=None):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.select = channel_selection(inplanes)
        self.conv1 = nn.Conv2d(selected or inplanes, inplanes, 1, bias=False)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return F.avg_pool2d(self.conv1(self.relu(self.select(self.bn1(x)))), 2)


class resnet(nn.Module):
    """The reference pre-activation ResNet (preresnet.py) with one bottleneck per stage: depth 11.
    ``cfg`` as the reference: [selected, conv1, conv2] per block, then the final selection."""

    def __init__(self, cfg=None, classes=10):
        super().__init__()
        cfg = cfg or [16, 16, 16, 64, 32, 32, 128, 64, 64, 256]
        self.inplanes = 16
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.layer1 = self._make_layer(16, cfg[0:3], 1)
        self.layer2 = self._make_layer(32, cfg[3:6], 2)
        self.layer3 = self._make_layer(64, cfg[6:9], 2)
        self.bn = nn.BatchNorm2d(256)
        self.select = channel_selection(256)
        self.relu = nn.ReLU(inplace=True)
        self.avgpool = nn.AvgPool2d(8)
        self.fc = nn.Linear(cfg[-1], classes)

    def _make_layer(self, planes, cfg, stride):
        downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes * 4, 1, stride=stride, bias=False))
        block = Bottleneck(self.inplanes, planes, stride, downsample, selected=cfg[0])
        block.conv1 = nn.Conv2d(cfg[0], cfg[1], 1, bias=False)
        block.bn2 = nn.BatchNorm2d(cfg[1])
        block.conv2 = nn.Conv2d(cfg[1], cfg[2], 3, stride=stride, padding=1, bias=False)
        block.bn3 = nn.BatchNorm2d(cfg[2])
        block.conv3 = nn.Conv2d(cfg[2], planes * 4, 1, bias=False)
        self.inplanes = planes * 4
        return nn.Sequential(block)

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.conv1(x))))
        x = self.avgpool(self.relu(self.select(self.bn(x))))
        return self.fc(x.view(x.size(0), -1))


class densenet(nn.Module):
    """The reference DenseNet (densenet.py) with ``n`` layers per block (depth 3n + 4), growth 4.
    ``cfg``: the selected channel count of every BN, in order (None: all)."""

    def __init__(self, n=2, growth=4, cfg=None, classes=10):
        super().__init__()
        widths, channels = [], 2 * growth
        for block in range(3):
            for _ in range(n):
                widths.append(channels)
                channels += growth
            widths.append(channels)
        cfg = iter(cfg or widths)
        self.conv1 = nn.Conv2d(3, 2 * growth, 3, padding=1, bias=False)
        channels = 2 * growth
        for block in (1, 2, 3):
            layers = []
            for _ in range(n):
                layers.append(DenseLayer(channels, growth, selected=next(cfg)))
                channels += growth
            setattr(self, "dense%d" % block, nn.Sequential(*layers))
            if block < 3:
                setattr(self, "trans%d" % block, Transition(channels, selected=next(cfg)))
        self.bn = nn.BatchNorm2d(channels)
        self.select = channel_selection(channels)
        self.relu = nn.ReLU(inplace=True)
        self.avgpool = nn.AvgPool2d(8)
        self.fc = nn.Linear(next(cfg), classes)

    def forward(self, x):
        x = self.trans1(self.dense1(self.conv1(x)))
        x = self.dense3(self.trans2(self.dense2(x)))
        x = self.avgpool(self.relu(self.select(self.bn(x))))
        return self.fc(x.view(x.size(0), -1))
