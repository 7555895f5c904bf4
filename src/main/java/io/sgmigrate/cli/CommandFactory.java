package io.sgmigrate.cli;

import picocli.CommandLine;

/** Hand-written wiring: commands that ask questions get the terminal prompter. */
final class CommandFactory implements CommandLine.IFactory {
    private final TerminalPrompter prompter;

    CommandFactory(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == ProbeCommand.class) return cls.cast(new ProbeCommand(prompter));
        if (cls == ChecklistCommand.class) return cls.cast(new ChecklistCommand(prompter));
        if (cls == DockerToComposeCommand.class) return cls.cast(new DockerToComposeCommand(prompter));
        if (cls == ComposeToComposeCommand.class) return cls.cast(new ComposeToComposeCommand(prompter));
        if (cls == PayloadInspectCommand.class) return cls.cast(new PayloadInspectCommand(prompter));
        if (cls == PayloadUnpackCommand.class) return cls.cast(new PayloadUnpackCommand(prompter));
        if (cls == PayloadLoadCommand.class) return cls.cast(new PayloadLoadCommand(prompter));
        if (cls == PayloadCreateCommand.class) return cls.cast(new PayloadCreateCommand(prompter));
        if (cls == NoticeCommand.Add.class) return cls.cast(new NoticeCommand.Add(prompter));
        if (cls == NoticeCommand.Remove.class) return cls.cast(new NoticeCommand.Remove(prompter));
        if (cls == NoticeCommand.Show.class) return cls.cast(new NoticeCommand.Show(prompter));
        if (cls == ConfigCommand.Restore.class) return cls.cast(new ConfigCommand.Restore(prompter));
        if (cls == SnapshotCommand.class) return cls.cast(new SnapshotCommand(prompter));
        if (cls == VerifyCommand.class) return cls.cast(new VerifyCommand(prompter));
        return CommandLine.defaultFactory().create(cls);
    }
}
