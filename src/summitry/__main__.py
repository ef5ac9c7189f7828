from summitry.cli import main

main()
